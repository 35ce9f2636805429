package io.shopscale.console.nginx;

import io.shopscale.console.nginx.ContainerShell.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Warms up replicas that have just joined their pool. The balancer's slow start gives a new replica a twentieth of
 * the requests at first, so it serves as soon as it is ready; its first requests load classes, fill pools and run in
 * the interpreter, and at the container's 1 CPU they are slow. So the nginx container sends each new replica a few
 * hundred of the shop's most frequent requests (browse, search and product detail, 85 % of the default mix) with
 * {@code curl}, straight to its address, and the engine starts the next replica only after them: on a small host two
 * JVMs warming up at once raise everyone's tail. The requests are paced ({@link #RATE_PER_SECOND}): sent flat out,
 * they stalled every replica of a 2-core host for 0.3-0.4 s, the one already serving too. README ("Start-up") has the
 * runs that chose this over warming up before the join, over no warm-up and over an unpaced one.
 */
public final class ReplicaWarmUp {

    /** The pools whose replicas serve the catalog's reads; the other services have no read path worth warming. */
    private static final Set<String> WARMED_POOLS = Set.of("monolith", "catalog");
    /** An upper bound: the engine goes on after this even if a replica is still being warmed up. */
    public static final Duration BUDGET = Duration.ofSeconds(20);
    private static final int ROUNDS = 2;
    /** At most this many warm-up requests start each second at one replica: 2 rounds of 138 take about 5.5 s. */
    static final int RATE_PER_SECOND = 50;
    /**
     * One curl per round and replica, reusing its connection across the URLs its ranges expand to: 12 pages, 26
     * searches and 100 products, the kinds of request the load generator's default mix sends most. curl's
     * {@code --rate} (7.84 and later) spaces the starts of the requests.
     */
    static final String SCRIPT = "warm() { for round in $(seq " + ROUNDS + "); do curl -s --max-time 5"
            + " --rate " + RATE_PER_SECOND + "/s"
            + " \"http://$1/api/catalog/products?page=[0-11]&size=20\""
            + " \"http://$1/api/catalog/products?q=[a-z]\""
            + " \"http://$1/api/catalog/products/[1-100]\" > /dev/null; done; }; "
            + "for address; do warm \"$address\" & done; wait";

    private final ContainerShell nginx;

    public ReplicaWarmUp(ContainerShell nginx) {
        this.nginx = nginx;
    }

    /** Whether replicas of this pool are warmed up before they join. */
    public static boolean warms(String pool) {
        return WARMED_POOLS.contains(pool);
    }

    /**
     * Sends the warm-up requests to every address at once and returns when all are done or {@link #BUDGET} has
     * passed. Best effort: a replica that fails a request is warmed no less by the others.
     *
     * @param addresses {@code IPv4:port} of the replicas that have just joined
     * @return how long it took
     */
    public Duration warm(List<String> addresses) {
        addresses.forEach(address -> ConfigValues.requireAddress("address to warm up", address));
        if (addresses.isEmpty()) {
            return Duration.ZERO;
        }
        List<String> argv = new ArrayList<>(List.of("timeout", Long.toString(BUDGET.toSeconds()), "sh", "-c", SCRIPT,
                "sh"));
        argv.addAll(addresses);
        long start = System.nanoTime();
        ExecResult ignored = nginx.exec(argv);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
