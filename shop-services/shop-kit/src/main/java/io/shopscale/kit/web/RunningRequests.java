package io.shopscale.kit.web;

import java.io.IOException;
import java.util.concurrent.Semaphore;

import jakarta.servlet.ServletException;

/**
 * How many of a replica's requests run at once: at most a limit ({@link RunningRequestsFilter} sets it); the others
 * wait their turn in arrival order.
 *
 * <p>Why: a replica that runs every request it holds at once shares its CPU among all of them, so under overload a
 * request that needs much CPU (a login's password hash, about 125 ms of CPU) takes as many times longer as there are
 * requests in flight. Run a few at a time, in order, and each request waits for the ones before it and then runs at
 * full speed: the p99 becomes the queue plus the slowest request's own time, not their product. nginx still decides
 * how many requests a replica holds ({@code --replica-concurrency}) and turns the rest away.
 *
 * <p>A request that waits on something outside this replica's CPU gives its place up ({@link #giveUpPlace}), so a
 * slow dependency never holds this replica's places.
 */
public final class RunningRequests {

    /** The places this thread holds one of, while it runs a request. */
    private static final ThreadLocal<Semaphore> HELD = new ThreadLocal<>();

    private final Semaphore places;

    /** @param limit requests that run at once, 1 or more; 0 for no limit */
    RunningRequests(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("shop.max-running-requests must be 0 (no limit) or more, not " + limit);
        }
        this.places = limit == 0 ? null : new Semaphore(limit, true);
    }

    /** Waits for a place, then runs {@code request} and gives the place back (unless it gave it up). */
    void run(Work request) throws ServletException, IOException, InterruptedException {
        if (places == null) {
            request.run();
            return;
        }
        places.acquire();
        HELD.set(places);
        try {
            request.run();
        } finally {
            giveUpPlace();
        }
    }

    /**
     * Gives up this thread's place for the rest of its request, which then runs without one; call it before waiting on
     * anything outside this replica's CPU (another service, the payment provider, another request). Not taking the
     * place back is what keeps this deadlock-free: a request that waited may hold what the requests in the places wait
     * for (an idempotency key, a row lock), and must never queue behind them. Outside a request that holds a place,
     * does nothing.
     */
    public static void giveUpPlace() {
        Semaphore held = HELD.get();
        if (held != null) {
            HELD.remove();
            held.release();
        }
    }

    @FunctionalInterface
    interface Work {
        void run() throws ServletException, IOException;
    }
}
