package io.shopscale.console.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.shopscale.console.engine.ShopEngine;
import io.shopscale.console.load.ScenarioMix;
import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.topology.StackName;

/**
 * A shop in which each ready monolith replica serves {@code perReplica} requests/s in 5 ms; what is sent beyond that
 * fails after 1 s. Rates change at once (ramps are ignored). Each second is played out when the fake clock
 * jumps past its end, in the state the shop and the load are in before the jump.
 */
public final class FakeLoad implements LoadPort {

    private final FakeClock clock;
    private final ShopEngine engine;
    private final StackName stack;
    private final double perReplica;
    private final List<String> calls = new ArrayList<>();
    private double rate;
    private double hiccupAt = Double.NaN;
    private boolean sending;
    private long nextSecond;
    private final List<Second> finished = new ArrayList<>();

    public FakeLoad(FakeClock clock, ShopEngine engine, StackName stack, double perReplica) {
        this.clock = clock;
        this.engine = engine;
        this.stack = stack;
        this.perReplica = perReplica;
        clock.beforeJump(this::playUntil);
    }

    public List<String> calls() {
        return calls;
    }

    /** The first time {@code rate} is sent, every request fails, as in a replica's long pause. */
    public void hiccupOnceAt(double rate) {
        hiccupAt = rate;
    }

    @Override
    public void set(double requestsPerSecond, Duration ramp, ScenarioMix mix) {
        calls.add("set " + Durations.formatRate(requestsPerSecond));
        if (rate == hiccupAt && requestsPerSecond != rate) {
            hiccupAt = Double.NaN;
        }
        rate = requestsPerSecond;
        sending = true;
    }

    @Override
    public void stop() {
        calls.add("stop");
        sending = false;
    }

    @Override
    public List<Second> finishedSeconds(Instant origin) {
        playUntil(clock.millis());
        List<Second> seconds = List.copyOf(finished);
        finished.clear();
        return seconds;
    }

    private void playUntil(long millis) {
        long ready = engine.status(stack).containers().stream()
                .filter(replica -> "app".equals(replica.role()) && replica.ready()).count();
        while (nextSecond < millis / 1000) {
            long sent = sending ? Math.round(rate) : 0;
            long ok = rate == hiccupAt ? 0 : Math.min(sent, Math.round(ready * perReplica));
            Histogram histogram = new Histogram(3);
            histogram.recordValueWithCount(5_000, Math.max(ok, 0));
            if (sent > ok) {
                histogram.recordValueWithCount(1_000_000, sent - ok);
            }
            finished.add(new Second(nextSecond++, sending ? rate : 0, ok, sent - ok, LatencySummary.of(histogram),
                    histogram, Map.of(), Map.of("shop-monolith-1", 40.0)));
        }
    }
}
