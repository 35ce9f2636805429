package io.shopscale.kit.runtime;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import com.sun.management.OperatingSystemMXBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs each pause of the replica of {@link #THRESHOLD} or more, with its cause ({@link ReplicaPause}): a replica
 * that stops for a second or two fills nginx's places for it, and nginx then sheds requests, so the replica's log
 * must say when it stopped and why. Runs from the moment the application is ready (a starting JVM at a small CPU cap
 * is slow by design) until it closes, on one daemon thread that wakes every {@link #INTERVAL}.
 */
@Component
class PauseDetector {

    /** How long the detector sleeps between looks. */
    static final Duration INTERVAL = Duration.ofMillis(100);
    /** The shortest pause logged: well above a CPU cap's throttling within one 100 ms period. */
    static final Duration THRESHOLD = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(PauseDetector.class);
    /** The container's CPU statistics, found once: cgroup v2's file, else v1's; empty outside a container. */
    private static final Optional<Path> CPU_STAT = Stream.of("/sys/fs/cgroup/cpu.stat",
            "/sys/fs/cgroup/cpu/cpu.stat", "/sys/fs/cgroup/cpu,cpuacct/cpu.stat").map(Path::of)
            .filter(Files::isReadable).findFirst();

    private volatile Thread thread;

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread detector = new Thread(this::watch, "replica-pause-detector");
        detector.setDaemon(true);
        thread = detector;
        detector.start();
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        Thread detector = thread;
        if (detector != null) {
            detector.interrupt();
        }
    }

    private void watch() {
        Sample before = Sample.now();
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            Sample after = Sample.now();
            between(before, after).ifPresent(pause -> log.warn(pause.describe()));
            before = after;
        }
    }

    /** The pause between two looks one {@link #INTERVAL} apart, if the second came {@link #THRESHOLD} late or more. */
    static Optional<ReplicaPause> between(Sample before, Sample after) {
        Duration late = Duration.ofNanos(after.nanos - before.nanos).minus(INTERVAL);
        if (late.compareTo(THRESHOLD) < 0) {
            return Optional.empty();
        }
        Optional<Duration> throttled = before.throttledNanos < 0 || after.throttledNanos < 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(after.throttledNanos - before.throttledNanos));
        return Optional.of(new ReplicaPause(late, Duration.ofMillis(after.gcMillis - before.gcMillis), throttled,
                Duration.ofNanos(after.cpuNanos - before.cpuNanos)));
    }

    /**
     * One look: the monotonic clock, the collectors' total time, the container's total throttled time (-1 when the
     * cgroup does not say) and the process's total CPU time.
     */
    record Sample(long nanos, long gcMillis, long throttledNanos, long cpuNanos) {

        static Sample now() {
            long gc = 0;
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += Math.max(0, collector.getCollectionTime());
            }
            long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                    ? os.getProcessCpuTime() : 0;
            return new Sample(System.nanoTime(), gc, containerThrottledNanos(), cpu);
        }
    }

    /** The container's total time held back by its CPU cap, in ns: cgroup v2's throttled_usec, v1's throttled_time. */
    static long containerThrottledNanos() {
        if (CPU_STAT.isEmpty()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(CPU_STAT.get())) {
                String[] field = line.split(" ");
                if (field.length == 2 && field[0].equals("throttled_usec")) {
                    return Long.parseLong(field[1]) * 1_000;
                }
                if (field.length == 2 && field[0].equals("throttled_time")) {
                    return Long.parseLong(field[1]);
                }
            }
        } catch (IOException | NumberFormatException unreadable) {
            // the cgroup does not say
        }
        return -1;
    }
}
