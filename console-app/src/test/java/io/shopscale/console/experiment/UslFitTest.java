package io.shopscale.console.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The fit against a published reference, and against points generated from known parameters (with and without
 * noise), and the identities of the law: Amdahl without coherency, the peak at √((1−σ)/κ).
 *
 * <p>The reference: the test {@code tests/coef.R} of the R package {@code usl} (Stefan Möding, CRAN,
 * https://github.com/smoeding/usl), whose default method is Gunther's transformation into a second-degree polynomial
 * (<i>Guerrilla Capacity Planning</i>, Springer 2007, §5.2.3), as {@link UslFit} does. Its relative capacities,
 * published to five significant digits, {@code load = 1, 2, 4, 6, 8, 10} and
 * {@code tput = 1, 1.8868, 3.0769, 3.5294, 3.5398, 3.3557}, give σ = 0.02 and κ = 0.02 to three significant digits
 * ({@code tests/coef.Rout.save}).
 */
class UslFitTest {

    static List<UslFit.Point> points(UslFit law, int... replicas) {
        List<UslFit.Point> points = new ArrayList<>();
        for (int n : replicas) {
            points.add(new UslFit.Point(n, law.throughput(n)));
        }
        return points;
    }

    @Test
    void reproducesThePublishedReferenceOfTheUslPackage() {
        List<UslFit.Point> published = List.of(new UslFit.Point(1, 1), new UslFit.Point(2, 1.8868),
                new UslFit.Point(4, 3.0769), new UslFit.Point(6, 3.5294), new UslFit.Point(8, 3.5398),
                new UslFit.Point(10, 3.3557));

        UslFit fit = UslFit.fit(published);

        // signif(x, 3) == 0.02 in R means 0.01995 <= x < 0.02005.
        assertThat(fit.sigma()).isCloseTo(0.02, within(0.00005));
        assertThat(fit.kappa()).isCloseTo(0.02, within(0.00005));
        // The law then peaks at √((1−σ)/κ) = 7.0 replicas, where the published points turn down.
        assertThat(fit.peakReplicas()).isCloseTo(7.0, within(0.01));
    }

    @Test
    void givesBackTheParametersThePointsCameFrom() {
        UslFit law = new UslFit(110, 0.05, 0.002);

        UslFit fit = UslFit.fit(points(law, 1, 2, 3, 4, 6, 8, 12, 16));

        assertThat(fit.lambda()).isEqualTo(110);
        assertThat(fit.sigma()).isCloseTo(0.05, within(1e-9));
        assertThat(fit.kappa()).isCloseTo(0.002, within(1e-9));
    }

    @Test
    void withThreeReplicaCountsAndNoiseItStaysClose() {
        UslFit law = new UslFit(100, 0.1, 0.01);
        List<UslFit.Point> noisy = List.of(new UslFit.Point(1, 100), new UslFit.Point(2, law.throughput(2) * 1.01),
                new UslFit.Point(3, law.throughput(3) * 0.99), new UslFit.Point(5, law.throughput(5) * 1.005));

        UslFit fit = UslFit.fit(noisy);

        assertThat(fit.sigma()).isCloseTo(0.1, within(0.02));
        assertThat(fit.kappa()).isCloseTo(0.01, within(0.005));
    }

    @Test
    void amdahlIsTheLawWithoutCoherencyAndThroughputPeaksAtTheKnownReplicaCount() {
        // σ alone is Amdahl's law: X(N)/X(1) = N / (1 + σ(N−1)), bounded by 1/σ.
        UslFit amdahl = UslFit.fit(points(new UslFit(1, 0.2, 0), 1, 2, 4, 8));
        assertThat(amdahl.kappa()).isCloseTo(0, within(1e-12));
        assertThat(amdahl.peakReplicas()).isInfinite();
        assertThat(amdahl.throughput(1e9)).isCloseTo(5, within(1e-6));
        // N* = √((1−σ)/κ): with σ = 0.02 and κ = 0.0005, N* = 44.27; throughput there beats its neighbours.
        UslFit law = new UslFit(1, 0.02, 0.0005);
        assertThat(law.peakReplicas()).isCloseTo(44.27, within(0.01));
        assertThat(law.throughput(44.27)).isGreaterThan(law.throughput(40)).isGreaterThan(law.throughput(30));
        assertThat(law.throughput(44.27)).isGreaterThan(law.throughput(50));
        assertThat(law.efficiency(1)).isEqualTo(1);
    }

    @Test
    void refusesPointsThatCannotDetermineTheLaw() {
        assertThatThrownBy(() -> UslFit.fit(List.of(new UslFit.Point(2, 10), new UslFit.Point(3, 12),
                new UslFit.Point(4, 13)))).hasMessageContaining("at 1 replica");
        assertThatThrownBy(() -> UslFit.fit(List.of(new UslFit.Point(1, 10), new UslFit.Point(2, 12))))
                .hasMessageContaining("three different replica counts");
    }
}
