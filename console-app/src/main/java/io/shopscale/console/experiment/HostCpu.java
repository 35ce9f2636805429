package io.shopscale.console.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How busy the host's CPUs are, as a share from 0 (idle) to 1 (every core busy), between two readings: the load
 * generator, nginx, PostgreSQL and every replica together. Read from Linux's {@code /proc/stat} (the first line's
 * jiffies: busy is everything but {@code idle} and {@code iowait}; proc(5)).
 */
public interface HostCpu {

    /**
     * A busy share at or above this means a saturated host: the shop's replicas, nginx, PostgreSQL and the load
     * generator wait for the host's cores, so a replica more adds no capacity.
     */
    double SATURATED = 0.9;

    /** A reading to measure from; opaque. */
    long[] read();

    /** @return the busy share between the two readings, or NaN when the host does not say */
    double busyShare(long[] from, long[] to);

    /** The local host's {@code /proc/stat}; NaN shares where there is none. */
    static HostCpu local() {
        return new HostCpu() {
            @Override
            public long[] read() {
                try {
                    List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
                    String[] fields = lines.get(0).trim().split("\\s+");
                    long idle = 0;
                    long total = 0;
                    for (int i = 1; i < fields.length && i <= 8; i++) {
                        long value = Long.parseLong(fields[i]);
                        total += value;
                        if (i == 4 || i == 5) {
                            idle += value;
                        }
                    }
                    return new long[] {total - idle, total};
                } catch (IOException | RuntimeException e) {
                    return new long[0];
                }
            }

            @Override
            public double busyShare(long[] from, long[] to) {
                if (from.length < 2 || to.length < 2 || to[1] <= from[1]) {
                    return Double.NaN;
                }
                return (double) (to[0] - from[0]) / (to[1] - from[1]);
            }
        };
    }
}
