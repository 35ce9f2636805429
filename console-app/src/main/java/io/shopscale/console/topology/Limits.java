package io.shopscale.console.topology;

import java.math.BigDecimal;

/**
 * CPU and memory granted to each app replica, and how many requests nginx lets each replica have in flight at once.
 * Memory is in mebibytes, like the {@code 100M} of a compose file.
 *
 * @param replicaConcurrency requests in flight per replica at most; when every replica of a service has that many,
 *                           nginx turns further requests away at once with a 503 and {@code Retry-After} instead of
 *                           queueing them (0: no limit)
 */
public record Limits(double cpus, int memoryMb, int replicaConcurrency) {

    public static final double MIN_CPUS = 0.1;
    public static final double MAX_CPUS = 16;
    public static final int MIN_MEMORY_MB = 64;
    public static final int MAX_MEMORY_MB = 8192;
    public static final int MAX_REPLICA_CONCURRENCY = 10_000;
    /**
     * The default limit of requests in flight per replica, per CPU of its cap. A replica works through about as many
     * requests at a time as its CPU allows; the rest wait inside it and add their wait to every request behind them,
     * so the limit scales with the cap. A lower limit sheds sooner when a replica merely pauses: at 32 per CPU, a
     * fresh two-replica stack at 80 requests/s on a busy 2-core host shed 52 of 1200 requests; at 64 a replica that
     * gets 40 of them each second rides out a pause of 1.6 s. README ("Shedding load") has the figures with and without
     * a limit.
     */
    public static final int REPLICA_CONCURRENCY_PER_CPU = 64;

    /**
     * The seed's compose file gives each replica {@code cpus: '1'} and {@code memory: 100M}; a shop replica needs
     * about 85 MiB besides its heap under load, so 100 MB cannot hold it. 160 MB is the lowest limit that held at full
     * speed: one replica at 1 CPU under 300 requests/s of the default mix, the excess shed, for 5 minutes (144 and
     * 128 MB held too, but served two thirds and under a third as much). README ("Memory") has the runs and the
     * native memory breakdown.
     */
    public static final Limits DEFAULT = new Limits(1, 160);

    /**
     * The CPU cap per core of the host for a demo of scaling (see {@link #forDemo}): three replicas at this cap take
     * about half of the host's cores.
     */
    public static final double DEMO_CPUS_PER_CORE = 0.175;

    /**
     * The limits of a stack that demos scaling on a host of {@code cores}: {@link #DEFAULT}'s memory, and a CPU cap of
     * {@link #DEMO_CPUS_PER_CORE} per core, rounded down to 0.05 CPU (0.15 on 1 core) and at most the seed's 1 CPU
     * (6 cores or more). So three replicas leave nginx, PostgreSQL and the load generator about half the host, and
     * each added replica adds capacity: on 2 cores (0.35 CPU), three warm replicas held 2.75, 3.47 and 3.83 times what
     * one held in three runs, the host's CPU at 68, 79 and 69 % where they stopped ({@code bin/bench-scaling}); at
     * the seed's 1 CPU there, three replicas showed no gain (README, under "Load").
     *
     * @param cores the host's cores, 1 or more
     */
    public static Limits forDemo(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("a host has 1 core or more, not " + cores);
        }
        double twentieths = Math.floor(cores * DEMO_CPUS_PER_CORE * 20 + 1e-9);
        return new Limits(Math.min(1, twentieths / 20), DEFAULT.memoryMb());
    }

    /** With the default limit of requests in flight for this CPU cap. */
    public Limits(double cpus, int memoryMb) {
        this(cpus, memoryMb, defaultReplicaConcurrency(cpus));
    }

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
        if (replicaConcurrency < 0 || replicaConcurrency > MAX_REPLICA_CONCURRENCY) {
            throw new TopologyException("replica concurrency " + replicaConcurrency + " is out of range: use 1 to "
                    + MAX_REPLICA_CONCURRENCY + " requests in flight per replica, or 0 for no limit");
        }
    }

    /**
     * {@link #REPLICA_CONCURRENCY_PER_CPU} per CPU of the cap, at least 4 so that a tiny cap still serves a few
     * requests at once; 0 (no limit) for a cap out of range, which the constructor rejects anyway.
     */
    public static int defaultReplicaConcurrency(double cpus) {
        if (!(cpus >= MIN_CPUS && cpus <= MAX_CPUS)) {
            return 0;
        }
        return Math.max(4, (int) Math.round(cpus * REPLICA_CONCURRENCY_PER_CPU));
    }

    /** The same CPU and memory with another limit of requests in flight per replica. */
    public Limits withReplicaConcurrency(int limit) {
        return new Limits(cpus, memoryMb, limit);
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
