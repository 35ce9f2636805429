package io.shopscale.console.topology;

import java.math.BigDecimal;

/**
 * CPU and memory granted to each app replica. Memory is in mebibytes, like the {@code 100M} of a compose file.
 */
public record Limits(double cpus, int memoryMb) {

    public static final double MIN_CPUS = 0.1;
    public static final double MAX_CPUS = 16;
    public static final int MIN_MEMORY_MB = 64;
    public static final int MAX_MEMORY_MB = 8192;

    /**
     * The seed's compose file gives each replica {@code cpus: '1'} and {@code memory: 100M}. Measured at one CPU,
     * a shop replica (Spring Boot with security, JDBC, Flyway and OpenAPI) is OOM-killed during start-up at 100 MB
     * and at 128 MB, sits at about 140 MiB once started, and reached 182 MiB resident under 300 requests/s: 256 MB
     * leaves room for load.
     */
    public static final Limits DEFAULT = new Limits(1, 256);

    public Limits {
        // Written as "not inside" so that NaN is rejected too.
        if (!(cpus >= MIN_CPUS && cpus <= MAX_CPUS)) {
            throw new TopologyException("cpus " + plain(cpus) + " is out of range: use " + plain(MIN_CPUS) + " to "
                    + plain(MAX_CPUS));
        }
        if (memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
            throw new TopologyException("memory " + memoryMb + " MB is out of range: use " + MIN_MEMORY_MB + " to "
                    + MAX_MEMORY_MB + " MB");
        }
    }

    /** In the unit of Docker's {@code HostConfig.NanoCpus}. */
    public long nanoCpus() {
        return Math.round(cpus * 1_000_000_000d);
    }

    /** In the unit of Docker's {@code HostConfig.Memory}. */
    public long memoryBytes() {
        return memoryMb * 1024L * 1024L;
    }

    private static String plain(double number) {
        return Double.isFinite(number) ? BigDecimal.valueOf(number).stripTrailingZeros().toPlainString()
                : String.valueOf(number);
    }
}
