package io.shopscale.console.export;

import java.math.BigDecimal;

/** CPU and memory amounts as compose and Kubernetes write them. */
final class Quantities {

    /** What a replica reserves (compose) or requests (Kubernetes), at most its limit: a quarter of a core. */
    static final double RESERVED_CPUS = 0.25;

    private Quantities() {
    }

    /** Compose's CPU count: {@code 1.0} is {@code "1"}, {@code 0.5} is {@code "0.5"}. */
    static String composeCpus(double cpus) {
        return BigDecimal.valueOf(cpus).stripTrailingZeros().toPlainString();
    }

    /** Compose's memory size in MiB: {@code 256} is {@code "256M"}. */
    static String composeMemory(int memoryMb) {
        return memoryMb + "M";
    }

    /** A Kubernetes CPU quantity: whole cores as {@code "1"}, the rest in millicores, e.g. {@code "250m"}. */
    static String kubernetesCpus(double cpus) {
        long millis = Math.round(cpus * 1000);
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : millis + "m";
    }

    /** A Kubernetes memory quantity in MiB: {@code 256} is {@code "256Mi"}. */
    static String kubernetesMemory(int memoryMb) {
        return memoryMb + "Mi";
    }

    static double reservedCpus(double limit) {
        return Math.min(RESERVED_CPUS, limit);
    }
}
