package io.shopscale.kit.runtime;

import java.time.Duration;
import java.util.Optional;

/**
 * A stretch of time in which none of the replica's threads ran, measured by a thread that asks to sleep a short
 * interval and wakes up late (jHiccup's method: Gil Tene, "jHiccup", Azul Systems, 2012), with what the replica's
 * process and its container's CPU cap did meanwhile, so that one log line says why:
 * <ul>
 * <li>garbage collection, when the collectors' time covers most of it;</li>
 * <li>the container's CPU cap, when the kernel throttled the container for most of it (the replica had used its
 * quota: its JIT compiler or its requests);</li>
 * <li>else the host: the replica could run and was not given a CPU (other processes, or a frozen container).</li>
 * </ul>
 *
 * @param late        how much later than asked the sleeping thread woke
 * @param gc          the collectors' time in the same stretch
 * @param throttled   how long the kernel held the container back for its CPU cap in that stretch; empty where the
 *                    cgroup does not say
 * @param processCpu  the CPU time the whole process used in that stretch
 */
public record ReplicaPause(Duration late, Duration gc, Optional<Duration> throttled, Duration processCpu) {

    /** What a reader of the replica's log needs: how long, and the most likely cause with the figures behind it. */
    public String describe() {
        String figures = String.format("garbage collection %d ms, held back by the CPU cap %s, process CPU %d ms",
                gc.toMillis(), throttled.map(t -> t.toMillis() + " ms").orElse("unknown"), processCpu.toMillis());
        return String.format("This replica paused for %d ms: %s (%s).", late.toMillis(), cause(), figures);
    }

    private String cause() {
        if (gc.compareTo(late.dividedBy(2)) >= 0) {
            return "a garbage collection stopped it";
        }
        if (throttled.isPresent() && throttled.get().compareTo(late.dividedBy(2)) >= 0) {
            return "its container's CPU cap held it back, as it had used its quota";
        }
        return "its host gave it no CPU (other processes took the CPUs, or the container was frozen)";
    }
}
