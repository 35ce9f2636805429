package io.shopscale.console.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last few minutes of 1-second samples, fed by the load generator (every finished request), the docker
 * package (container stats), the nginx poller (stub_status) and the engine (events). Thread-safe.
 *
 * <p>A second is closed as soon as anything is recorded after it, or when {@link #publishFinishedSeconds()} runs;
 * listeners hear of closed seconds only from {@code publishFinishedSeconds()}, so a slow listener never holds up the
 * threads that record requests. {@link #startTicking()} calls it every second; tests call it by hand.
 */
public final class MetricsHub implements AutoCloseable {

    public static final int DEFAULT_CAPACITY = 300;
    /** A container or nginx not heard of for this long has probably gone; its last figures are not repeated. */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);
    /** Events beyond this many are forgotten oldest first, even inside the window, so a loop cannot fill memory. */
    static final int MAX_EVENTS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHub.class);
    private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TimeSource time;
    private final int capacity;
    private final long originNanos;
    private final Instant origin;

    private final Object lock = new Object();
    private long openSecond;
    private final TrafficRecorder openTotal = TrafficRecorder.coarse();
    private final Map<String, TrafficRecorder> openServices = new TreeMap<>();
    private final List<Event> openEvents = new ArrayList<>();
    private final Map<String, Reading<ContainerStats>> containers = new HashMap<>();
    private Reading<NginxStatus> nginxLatest;
    private Reading<NginxStatus> nginxBefore;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final ArrayDeque<Event> events = new ArrayDeque<>();
    private final ArrayDeque<Sample> unpublished = new ArrayDeque<>();

    private final Object publishLock = new Object();
    private final List<Consumer<Sample>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    public MetricsHub() {
        this(TimeSource.system(), DEFAULT_CAPACITY);
    }

    public MetricsHub(TimeSource time, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 sample, not " + capacity);
        }
        this.time = time;
        this.capacity = capacity;
        this.originNanos = time.nanoTime();
        this.origin = time.now();
    }

    public TimeSource time() {
        return time;
    }

    public int capacity() {
        return capacity;
    }

    /** Where a {@link TimeSource#nanoTime()} reading falls on this hub's timeline. */
    public Instant toInstant(long nanoTime) {
        return origin.plusNanos(nanoTime - originNanos);
    }

    public void recordRequest(CompletedRequest request) {
        synchronized (lock) {
            closeSecondsBefore(time.nanoTime());
            openTotal.record(request);
            openServices.computeIfAbsent(request.service(), service -> TrafficRecorder.coarse()).record(request);
        }
    }

    public void recordContainerStats(String replica, double cpuPercent, long memoryBytes) {
        synchronized (lock) {
            long now = time.nanoTime();
            closeSecondsBefore(now);
            containers.put(replica, new Reading<>(new ContainerStats(cpuPercent, memoryBytes), now));
        }
    }

    public void recordNginxStatus(NginxStatus status) {
        synchronized (lock) {
            long now = time.nanoTime();
            closeSecondsBefore(now);
            nginxBefore = nginxLatest;
            nginxLatest = new Reading<>(status, now);
        }
    }

    public Event recordEvent(EventKind kind, String text) {
        synchronized (lock) {
            long now = time.nanoTime();
            closeSecondsBefore(now);
            Event event = new Event(toInstant(now), kind, text);
            openEvents.add(event);
            events.addLast(event);
            if (events.size() > MAX_EVENTS) {
                events.removeFirst();
            }
            return event;
        }
    }

    /** Closes every second that has ended and hands the new samples to the listeners, oldest first. */
    public void publishFinishedSeconds() {
        synchronized (publishLock) {
            List<Sample> ready;
            synchronized (lock) {
                closeSecondsBefore(time.nanoTime());
                ready = new ArrayList<>(unpublished);
                unpublished.clear();
            }
            for (Sample sample : ready) {
                for (Consumer<Sample> listener : listeners) {
                    notify(listener, sample);
                }
            }
        }
    }

    /** Hears of every sample published from now on, on the hub's ticking thread; throttle on your side. */
    public Subscription subscribe(Consumer<Sample> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The retained samples, oldest first. */
    public List<Sample> samples() {
        synchronized (lock) {
            closeSecondsBefore(time.nanoTime());
            return List.copyOf(samples);
        }
    }

    public Optional<Sample> latest() {
        synchronized (lock) {
            closeSecondsBefore(time.nanoTime());
            return Optional.ofNullable(samples.peekLast());
        }
    }

    /** The events still inside the retained samples' window, oldest first. */
    public List<Event> events() {
        synchronized (lock) {
            closeSecondsBefore(time.nanoTime());
            return List.copyOf(events);
        }
    }

    /** Publishes every second from a daemon thread, just after each second of the timeline ends. */
    public synchronized MetricsHub startTicking() {
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "shopscale-metrics-ticker");
                thread.setDaemon(true);
                return thread;
            });
            long sinceSecondStarted = Math.floorMod(time.nanoTime() - originNanos, SECOND_NANOS);
            // A little after the boundary, so the second is surely over when it is closed.
            long firstDelay = SECOND_NANOS - sinceSecondStarted + TimeUnit.MILLISECONDS.toNanos(20);
            ticker.scheduleAtFixedRate(this::publishFinishedSeconds, firstDelay, SECOND_NANOS, TimeUnit.NANOSECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    private void closeSecondsBefore(long nowNanos) {
        long nowSecond = Math.floorDiv(nowNanos - originNanos, SECOND_NANOS);
        while (openSecond < nowSecond) {
            closeOpenSecond();
            // After a long gap (a suspended laptop) only the last `capacity` empty seconds could still be shown.
            openSecond = Math.max(openSecond + 1, nowSecond - capacity);
        }
    }

    private void closeOpenSecond() {
        long startNanos = originNanos + openSecond * SECOND_NANOS;
        long endNanos = startNanos + SECOND_NANOS;
        Map<String, Traffic> services = new TreeMap<>();
        openServices.forEach((service, recorder) -> services.put(service, recorder.snapshot()));
        Sample sample = new Sample(toInstant(startNanos), openTotal.snapshot(), services, freshContainers(endNanos),
                freshNginx(endNanos), openEvents, openTotal.latencyCopy());
        openTotal.reset();
        openServices.values().forEach(TrafficRecorder::reset);
        openEvents.clear();
        append(samples, sample);
        append(unpublished, sample);
        while (!events.isEmpty() && events.peekFirst().time().isBefore(samples.peekFirst().start())) {
            events.removeFirst();
        }
    }

    private void append(ArrayDeque<Sample> queue, Sample sample) {
        queue.addLast(sample);
        if (queue.size() > capacity) {
            queue.removeFirst();
        }
    }

    private Map<String, ContainerStats> freshContainers(long endNanos) {
        containers.values().removeIf(reading -> reading.isStale(endNanos));
        Map<String, ContainerStats> fresh = new TreeMap<>();
        containers.forEach((replica, reading) -> fresh.put(replica, reading.value()));
        return fresh;
    }

    private NginxTraffic freshNginx(long endNanos) {
        if (nginxLatest == null || nginxLatest.isStale(endNanos)) {
            return null;
        }
        return new NginxTraffic(nginxLatest.value(), nginxRequestsPerSecond());
    }

    private double nginxRequestsPerSecond() {
        if (nginxBefore == null || nginxLatest.nanoTime() <= nginxBefore.nanoTime()) {
            return -1;
        }
        long requests = nginxLatest.value().requests() - nginxBefore.value().requests();
        if (requests < 0) {
            return -1;
        }
        return requests / ((nginxLatest.nanoTime() - nginxBefore.nanoTime()) / (double) SECOND_NANOS);
    }

    private static void notify(Consumer<Sample> listener, Sample sample) {
        try {
            listener.accept(sample);
        } catch (RuntimeException e) {
            // One broken panel must not stop the others, nor the ticking thread.
            LOG.warn("a metrics listener failed on the sample of {}", sample.start(), e);
        }
    }

    private record Reading<T>(T value, long nanoTime) {

        boolean isStale(long atNanos) {
            return atNanos - nanoTime > STALE_AFTER.toNanos();
        }
    }
}
