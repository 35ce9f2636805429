package io.shopscale.console.experiment;

import java.util.List;

/**
 * Gunther's Universal Scalability Law fitted to measured (replicas, throughput) points:
 * {@code X(N) = λN / (1 + σ(N−1) + κN(N−1))}, where σ is contention (the serial share, Amdahl's law) and κ coherency
 * (the cost of keeping N copies in step, which makes throughput fall past a peak).
 *
 * <p>Source: Neil J. Gunther, <i>Guerrilla Capacity Planning</i>, Springer 2007; the fit is his
 * regression on the transformed points: with the relative capacity {@code C(N) = X(N)/X(1)}, the deviation from
 * linearity {@code N/C(N) − 1 = (σ+κ)x + κx²} for {@code x = N−1} is a parabola through the origin, fitted by least
 * squares; then κ = a and σ = b − a.
 *
 * @param lambda throughput of one replica (requests/s), {@code X(1)}
 * @param sigma  contention, normally 0 to 1
 * @param kappa  coherency, normally 0 or a little above
 */
public record UslFit(double lambda, double sigma, double kappa) {

    /** A measured throughput at a replica count. */
    public record Point(int replicas, double throughput) {
    }

    /**
     * @param points at least three distinct replica counts, one of them 1, every throughput above 0
     * @throws IllegalArgumentException when the points cannot determine σ and κ
     */
    public static UslFit fit(List<Point> points) {
        double lambda = points.stream().filter(point -> point.replicas() == 1).mapToDouble(Point::throughput)
                .average().orElseThrow(() -> new IllegalArgumentException(
                        "the fit needs a throughput measured at 1 replica"));
        if (points.stream().anyMatch(point -> point.replicas() < 1 || !(point.throughput() > 0))) {
            throw new IllegalArgumentException("replica counts must be 1 or more and throughputs above 0");
        }
        if (points.stream().mapToInt(Point::replicas).distinct().count() < 3) {
            throw new IllegalArgumentException("the fit needs at least three different replica counts");
        }
        // Least squares of y = a x² + b x: the normal equations of a parabola through the origin.
        double sx2 = 0;
        double sx3 = 0;
        double sx4 = 0;
        double sxy = 0;
        double sx2y = 0;
        for (Point point : points) {
            double x = point.replicas() - 1;
            double y = point.replicas() / (point.throughput() / lambda) - 1;
            sx2 += x * x;
            sx3 += x * x * x;
            sx4 += x * x * x * x;
            sxy += x * y;
            sx2y += x * x * y;
        }
        double determinant = sx4 * sx2 - sx3 * sx3;
        double a = (sx2y * sx2 - sx3 * sxy) / determinant;
        double b = (sx4 * sxy - sx3 * sx2y) / determinant;
        return new UslFit(lambda, b - a, a);
    }

    /** The law's throughput at {@code replicas}, requests/s. */
    public double throughput(double replicas) {
        return lambda * replicas / (1 + sigma * (replicas - 1) + kappa * replicas * (replicas - 1));
    }

    /** {@code X(N) / (N·X(1))}: 1 is linear scaling. */
    public double efficiency(double replicas) {
        return throughput(replicas) / (lambda * replicas);
    }

    /**
     * Where throughput peaks, {@code N* = √((1−σ)/κ)} (same source); infinite without coherency, when
     * throughput only approaches {@code λ/σ}.
     */
    public double peakReplicas() {
        return kappa > 0 ? Math.sqrt((1 - sigma) / kappa) : Double.POSITIVE_INFINITY;
    }
}
