package io.shopscale.console.load;

import io.shopscale.console.topology.UserText;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where to send load, how fast, for how long and in which mix. Immutable and validated; build it with
 * {@link #against(URI)} and the {@code with...} methods.
 *
 * @param target         the shop's public address, nginx in either topology, such as {@code http://127.0.0.1:8080}
 * @param rate           the target in requests per second
 * @param ramp           how long the rate takes to climb from 0 at the start, and from one rate to the next when it
 *                       is changed while running
 * @param duration       how long requests are started; {@link Duration#ZERO} runs until stopped
 * @param shoppers       accounts registered and logged in before the measured phase, used by login and order
 * @param requestTimeout counted from a request's intended start, so time spent queued in the generator counts too
 * @param connections    requests in flight at most, hence HTTP/1.1 connections and sender threads at most; the others wait their turn
 *                       in the generator, their waiting counted as latency
 * @param maxOutstanding requests in flight plus waiting; beyond it a request is not even queued but counted as an
 *                       {@code overload} error, so a dead shop cannot make the generator run out of memory
 */
public record LoadPlan(URI target, double rate, Duration ramp, Duration duration, ScenarioMix mix, int shoppers,
                       Duration requestTimeout, int connections, int maxOutstanding, long seed) {

    public static final double DEFAULT_RATE = 100;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
    public static final int DEFAULT_SHOPPERS = 20;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * More than three replicas let in at the default limits, so that past the shop's capacity nginx turns the excess
     * away and the report shows it as {@code shed}, as it would for many real clients; with fewer, the excess waits in
     * the generator's own queue and shows only as latency. README ("Shedding load") has the runs.
     */
    public static final int DEFAULT_CONNECTIONS = 256;
    public static final int DEFAULT_MAX_OUTSTANDING = 10_000;
    public static final int MAX_SHOPPERS = 1000;
    /** One sender thread per connection: beyond this, threads cost more than they measure. */
    public static final int MAX_CONNECTIONS = 1024;

    public LoadPlan {
        requireTarget(target);
        RateSchedule.requireRate(rate);
        requireNotNegative("ramp", ramp);
        requireNotNegative("duration", duration);
        if (mix == null) {
            throw new LoadSettingsException("the scenario mix is missing");
        }
        if (shoppers < 0 || shoppers > MAX_SHOPPERS) {
            throw new LoadSettingsException("shoppers " + shoppers + " is out of range; use 0 to " + MAX_SHOPPERS);
        }
        if (shoppers == 0 && (mix.weight(Scenario.LOGIN) > 0 || mix.weight(Scenario.ORDER) > 0)) {
            throw new LoadSettingsException("the login and order scenarios need shoppers; use at least 1 shopper or "
                    + "give login and order a weight of 0");
        }
        requireNotNegative("request timeout", requestTimeout);
        if (requestTimeout.isZero()) {
            throw new LoadSettingsException("the request timeout must be longer than 0 s");
        }
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new LoadSettingsException("connections " + connections + " is out of range; use 1 to "
                    + MAX_CONNECTIONS);
        }
        if (maxOutstanding < connections) {
            throw new LoadSettingsException("max outstanding requests (" + maxOutstanding
                    + ") must be at least the number of connections (" + connections + ")");
        }
    }

    /** The defaults: 100 requests/s for 60 s in the default mix, no ramp. */
    public static LoadPlan against(URI target) {
        return new LoadPlan(target, DEFAULT_RATE, Duration.ZERO, DEFAULT_DURATION, ScenarioMix.DEFAULT,
                DEFAULT_SHOPPERS, DEFAULT_REQUEST_TIMEOUT, DEFAULT_CONNECTIONS, DEFAULT_MAX_OUTSTANDING,
                System.nanoTime());
    }

    public LoadPlan withTarget(URI shop) {
        return new LoadPlan(shop, rate, ramp, duration, mix, shoppers, requestTimeout, connections, maxOutstanding,
                seed);
    }

    public LoadPlan withRate(double requestsPerSecond) {
        return new LoadPlan(target, requestsPerSecond, ramp, duration, mix, shoppers, requestTimeout, connections,
                maxOutstanding, seed);
    }

    public LoadPlan withRamp(Duration rampDuration) {
        return new LoadPlan(target, rate, rampDuration, duration, mix, shoppers, requestTimeout, connections,
                maxOutstanding, seed);
    }

    public LoadPlan withDuration(Duration runDuration) {
        return new LoadPlan(target, rate, ramp, runDuration, mix, shoppers, requestTimeout, connections,
                maxOutstanding, seed);
    }

    public LoadPlan withMix(ScenarioMix scenarioMix) {
        return new LoadPlan(target, rate, ramp, duration, scenarioMix, shoppers, requestTimeout, connections,
                maxOutstanding, seed);
    }

    public LoadPlan withShoppers(int count) {
        return new LoadPlan(target, rate, ramp, duration, mix, count, requestTimeout, connections, maxOutstanding,
                seed);
    }

    public LoadPlan withRequestTimeout(Duration timeout) {
        return new LoadPlan(target, rate, ramp, duration, mix, shoppers, timeout, connections, maxOutstanding, seed);
    }

    public LoadPlan withConnections(int count) {
        return new LoadPlan(target, rate, ramp, duration, mix, shoppers, requestTimeout, count, maxOutstanding,
                seed);
    }

    public LoadPlan withMaxOutstanding(int count) {
        return new LoadPlan(target, rate, ramp, duration, mix, shoppers, requestTimeout, connections, count, seed);
    }

    /** Same seed, same sequence of scenarios, products and search words. */
    public LoadPlan withSeed(long randomSeed) {
        return new LoadPlan(target, rate, ramp, duration, mix, shoppers, requestTimeout, connections, maxOutstanding,
                randomSeed);
    }

    public boolean runsUntilStopped() {
        return duration.isZero();
    }

    /** The address of a path of the shop's API; a path prefix in the target is kept. */
    public URI resolve(String pathAndQuery) {
        String base = target.toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery);
    }

    private static void requireTarget(URI target) {
        if (target == null) {
            throw new LoadSettingsException("the shop's address is missing");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        // Plain HTTP only: the generator talks to the stack's own nginx, published on this machine.
        if (!scheme.equals("http") || target.getHost() == null) {
            throw new LoadSettingsException("the shop's address " + UserText.quote(target.toString())
                    + " must be an http:// address with a host, like http://127.0.0.1:8080");
        }
        if (target.getRawQuery() != null || target.getRawFragment() != null) {
            throw new LoadSettingsException("the shop's address " + UserText.quote(target.toString())
                    + " must not have a query or a fragment");
        }
    }

    private static void requireNotNegative(String what, Duration value) {
        if (value == null) {
            throw new LoadSettingsException("the " + what + " is missing");
        }
        if (value.isNegative()) {
            throw new LoadSettingsException("the " + what + " must not be negative");
        }
    }
}
