package io.shopscale.console.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * One second of the timeline, as the panels draw it.
 *
 * @param start      the second's start; it ends one second later
 * @param total      every request that finished in this second; {@code total.replicas()} gives each replica's share
 *                   of all traffic
 * @param services   the same per service ({@code catalog}, {@code sso}, {@code orders}); each service's replicas map
 *                   gives the share within that service. A service seen once stays listed, with zeros when idle.
 * @param containers the latest CPU and memory Docker reported per container, when reported recently
 * @param nginx      null until nginx's counters have been read recently
 * @param events     the events recorded during this second
 * @param latency    every latency in {@code total}, in microseconds, at two significant digits (1 %), so that seconds
 *                   can be merged into the percentiles of a longer window; a copy no one else writes to, and which
 *                   readers must not change
 */
public record Sample(Instant start, Traffic total, Map<String, Traffic> services,
                     Map<String, ContainerStats> containers, NginxTraffic nginx, List<Event> events, Histogram latency) {

    public static final Duration LENGTH = Duration.ofSeconds(1);

    public Sample {
        services = Collections.unmodifiableMap(new TreeMap<>(services));
        containers = Collections.unmodifiableMap(new TreeMap<>(containers));
        events = List.copyOf(events);
    }

    public Instant end() {
        return start.plus(LENGTH);
    }
}
