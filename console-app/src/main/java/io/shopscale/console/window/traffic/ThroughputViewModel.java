package io.shopscale.console.window.traffic;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import io.shopscale.console.experiment.HostCpu;
import io.shopscale.console.metrics.Event;
import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.MetricsHub;
import io.shopscale.console.metrics.Sample;
import io.shopscale.console.metrics.Subscription;
import io.shopscale.console.metrics.Traffic;
import io.shopscale.console.window.Background;

/**
 * The last few minutes of traffic as the throughput panel draws them: requests per second (ok and errors), latency
 * percentiles, each replica's share of the last second, and the scale, kill and reload events on the same timeline.
 * Shows all requests or one service's, and the host's CPU over the last {@value #HOST_CPU_SECONDS} seconds, which says
 * when the host, not the shop, is the limit. Samples arrive on the hub's thread once a second and reach the FX thread
 * in one hand-over however many piled up.
 */
public final class ThroughputViewModel implements AutoCloseable {

    /** The panel's choice for the whole shop rather than one service. */
    public static final String ALL_SERVICES = "all services";
    /** How much of the timeline the chart shows. */
    public static final int SECONDS_SHOWN = 180;
    /** The host's CPU is shown as its busy share over this many of the last seconds. */
    static final int HOST_CPU_SECONDS = 5;

    private final Background background;
    private final Instant origin;
    private final DateTimeFormatter clock;
    private final ArrayDeque<Sample> retained = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Sample> arrived = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private final Subscription subscription;
    private final HostCpu hostCpu;
    private final int cores;
    /** Readings of the host's CPU, one per arrival, newest last; touched on the hub's thread only. */
    private final ArrayDeque<long[]> cpuReadings = new ArrayDeque<>();
    private volatile double hostBusy = Double.NaN;

    private final ObjectProperty<String> service = new SimpleObjectProperty<>(ALL_SERVICES);
    private final ObservableList<String> services = FXCollections.observableArrayList(ALL_SERVICES);
    private final ObservableList<ThroughputSecond> seconds = FXCollections.observableArrayList();
    private final ObservableList<ReplicaBar> replicaBars = FXCollections.observableArrayList();
    private final ObservableList<EventMark> events = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper latency = new ReadOnlyStringWrapper(noRequests());
    private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper host = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hostSaturated = new ReadOnlyBooleanWrapper();
    // One read-only view each, kept: a view made per call would be collected with the listeners added to it.
    private final ObservableList<String> readOnlyServices = FXCollections.unmodifiableObservableList(services);
    private final ObservableList<ThroughputSecond> readOnlySeconds = FXCollections.unmodifiableObservableList(seconds);
    private final ObservableList<ReplicaBar> readOnlyBars = FXCollections.unmodifiableObservableList(replicaBars);
    private final ObservableList<EventMark> readOnlyEvents = FXCollections.unmodifiableObservableList(events);

    /** Shows what the hub already holds, then follows it, with this host's CPU. Call on the FX thread. */
    public ThroughputViewModel(MetricsHub hub, Background background) {
        this(hub, background, ZoneId.systemDefault(), HostCpu.local(), Runtime.getRuntime().availableProcessors());
    }

    ThroughputViewModel(MetricsHub hub, Background background, ZoneId zone, HostCpu hostCpu, int cores) {
        this.background = background;
        this.hostCpu = hostCpu;
        this.cores = cores;
        this.origin = hub.toInstant(hub.time().nanoTime());
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(zone);
        subscription = hub.subscribe(this::arrived);
        show(hub.samples());
        service.addListener((property, before, now) -> showAll());
    }

    /** {@link #ALL_SERVICES} or one of {@link #services()}. */
    public ObjectProperty<String> serviceProperty() {
        return service;
    }

    /** {@link #ALL_SERVICES}, then every service the samples name, in name order. */
    public ObservableList<String> services() {
        return readOnlyServices;
    }

    /** The chosen traffic per second, oldest first, at most {@link #SECONDS_SHOWN}. */
    public ObservableList<ThroughputSecond> seconds() {
        return readOnlySeconds;
    }

    /** Each replica's share of the chosen traffic in the last second, in name order. */
    public ObservableList<ReplicaBar> replicaBars() {
        return readOnlyBars;
    }

    /** The events inside the shown timeline, oldest first. */
    public ObservableList<EventMark> events() {
        return readOnlyEvents;
    }

    /** The last second's percentiles: {@code p50 4.1ms · p95 12ms · p99 38ms}. */
    public ReadOnlyStringProperty latencyProperty() {
        return latency.getReadOnlyProperty();
    }

    /**
     * The failed requests the chart shows, by kind, most first: {@code 7 failed requests in the chart: shed 5 ·
     * timeout 2}; empty when none failed. The errors line of the chart says how many; this says why.
     */
    public ReadOnlyStringProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    /**
     * The host's CPU over the last seconds, {@code host CPU 45% of 2 cores}; when it is
     * {@linkplain #hostSaturatedProperty() saturated}, a sentence that the host, not the shop, is the limit. Empty
     * until {@value #HOST_CPU_SECONDS} seconds have arrived or when the host does not say.
     */
    public ReadOnlyStringProperty hostProperty() {
        return host.getReadOnlyProperty();
    }

    /** Whether the host's CPU was at least {@link HostCpu#SATURATED} busy over the last seconds. */
    public ReadOnlyBooleanProperty hostSaturatedProperty() {
        return hostSaturated.getReadOnlyProperty();
    }

    /** The wall-clock time of a point on the x axis, {@code 14:03:07}, for the axis labels. */
    public String clockAt(double time) {
        return clock.format(origin.plusMillis(Math.round(time * 1000)));
    }

    @Override
    public void close() {
        subscription.close();
    }

    private void arrived(Sample sample) {
        readHostCpu();
        arrived.add(sample);
        if (handOverQueued.compareAndSet(false, true)) {
            background.onFxThread(this::takeArrived);
        }
    }

    private synchronized void readHostCpu() {
        long[] now = hostCpu.read();
        cpuReadings.addLast(now);
        while (cpuReadings.size() > HOST_CPU_SECONDS + 1) {
            cpuReadings.removeFirst();
        }
        hostBusy = cpuReadings.size() > HOST_CPU_SECONDS ? hostCpu.busyShare(cpuReadings.peekFirst(), now)
                : Double.NaN;
    }

    private void takeArrived() {
        handOverQueued.set(false);
        List<Sample> taken = new ArrayList<>();
        for (Sample sample = arrived.poll(); sample != null; sample = arrived.poll()) {
            taken.add(sample);
        }
        show(taken);
    }

    private void show(List<Sample> samples) {
        List<Sample> fresh = samples.stream()
                .filter(sample -> retained.isEmpty() || sample.start().isAfter(retained.peekLast().start()))
                .toList();
        if (fresh.isEmpty()) {
            return;
        }
        retained.addAll(fresh);
        while (retained.size() > SECONDS_SHOWN) {
            retained.removeFirst();
        }
        fresh.forEach(sample -> sample.services().keySet().forEach(this::offer));
        showAll();
    }

    /** Adds a service to the choices in name order; a service stays a choice once seen, as in the hub. */
    private void offer(String name) {
        if (services.contains(name)) {
            return;
        }
        int at = 1;
        while (at < services.size() && services.get(at).compareTo(name) < 0) {
            at++;
        }
        services.add(at, name);
    }

    private void showAll() {
        seconds.setAll(retained.stream()
                .map(sample -> {
                    Traffic traffic = chosen(sample);
                    return new ThroughputSecond(time(sample.start()), traffic.ok(), traffic.errors(),
                            traffic.latency());
                })
                .toList());
        showIfChanged(events, retained.stream()
                .flatMap(sample -> sample.events().stream())
                .map(this::mark)
                .toList());
        Traffic last = retained.isEmpty() ? Traffic.NONE : chosen(retained.peekLast());
        showIfChanged(replicaBars, last.replicas().entrySet().stream()
                .map(entry -> new ReplicaBar(entry.getKey(), entry.getValue()))
                .toList());
        latency.set(last.latency().count() == 0 ? noRequests() : percentiles(last.latency()));
        Map<String, Long> failed = new TreeMap<>();
        retained.forEach(sample -> chosen(sample).errorsByKind().forEach((kind, count) -> failed.merge(kind, count,
                Long::sum)));
        errors.set(errorsText(failed));
        double busy = hostBusy;
        hostSaturated.set(busy >= HostCpu.SATURATED);
        host.set(hostText(busy, cores));
    }

    /** What {@link #errorsProperty()} says for these counts by kind. */
    static String errorsText(Map<String, Long> byKind) {
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "";
        }
        return total + (total == 1 ? " failed request" : " failed requests") + " in the chart: "
                + byKind.entrySet().stream()
                        .filter(kind -> kind.getValue() > 0)
                        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                        .map(kind -> kind.getKey() + " " + kind.getValue())
                        .collect(Collectors.joining(" · "));
    }

    /** What {@link #hostProperty()} says for a busy share. */
    static String hostText(double busy, int cores) {
        if (Double.isNaN(busy)) {
            return "";
        }
        String usage = String.format(Locale.ROOT, "host CPU %.0f%% of %d %s", busy * 100, cores,
                cores == 1 ? "core" : "cores");
        if (busy < HostCpu.SATURATED) {
            return usage;
        }
        return usage + ": the host, not the shop, is the limit. The replicas, nginx, PostgreSQL and the load "
                + "generator share these cores, so another replica adds no capacity; lower the CPU per replica "
                + "(console --cpus) or the load.";
    }

    /** Leaves a list that has not changed alone, so its views do not rebuild every second. */
    private static <T> void showIfChanged(ObservableList<T> shown, List<T> now) {
        if (!shown.equals(now)) {
            shown.setAll(now);
        }
    }

    private Traffic chosen(Sample sample) {
        String chosen = service.get();
        if (chosen == null || ALL_SERVICES.equals(chosen)) {
            return sample.total();
        }
        return sample.services().getOrDefault(chosen, Traffic.NONE);
    }

    private EventMark mark(Event event) {
        return new EventMark(time(event.time()), event.kind(), clock.format(event.time()) + "  "
                + event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "  " + event.text());
    }

    private double time(Instant instant) {
        return Duration.between(origin, instant).toMillis() / 1000.0;
    }

    private static String percentiles(LatencySummary summary) {
        return "p50 " + LatencySummary.format(summary.p50Millis()) + " · p95 "
                + LatencySummary.format(summary.p95Millis()) + " · p99 " + LatencySummary.format(summary.p99Millis());
    }

    private static String noRequests() {
        return "no requests in the last second";
    }
}
