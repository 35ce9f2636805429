package io.shopscale.console.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The set-up phase: checks that the shop answers, then registers shoppers and logs them in, so the measured phase
 * starts with valid tokens and its numbers do not include the first bcrypt storm.
 */
final class ShopperPool {

    static final String PROBE_PATH = "/api/catalog/products?size=1";
    /** Registering and logging in cost the server a bcrypt hash each; more at once only makes them queue. */
    private static final int AT_ONCE = 8;

    private final Transport transport;
    private final LoadPlan plan;

    ShopperPool(Transport transport, LoadPlan plan) {
        this.transport = transport;
        this.plan = plan;
    }

    List<Shopper> prepare() throws LoadSetupException, InterruptedException {
        probe();
        // Unique per run, so a second run against the same database never meets "already registered".
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Shopper> shoppers = new ArrayList<>();
        for (int number = 1; number <= plan.shoppers(); number++) {
            shoppers.add(new Shopper("load-" + run + "-" + number + "@shopscale.test", UUID.randomUUID().toString()));
        }
        // No more at once than there are connections, so every call of a batch is sent at once and meets its deadline.
        int atOnce = Math.min(AT_ONCE, plan.connections());
        for (int from = 0; from < shoppers.size(); from += atOnce) {
            List<Shopper> batch = shoppers.subList(from, Math.min(shoppers.size(), from + atOnce));
            register(batch);
            logIn(batch);
        }
        return shoppers;
    }

    private void probe() throws LoadSetupException, InterruptedException {
        Reply reply = await(List.of(send(ShopRequest.get(PROBE_PATH)))).get(0);
        if (reply.isError()) {
            throw new LoadSetupException("the shop at " + plan.target() + " answered http " + reply.status()
                    + " to GET " + PROBE_PATH + ": " + ShopJson.problemDetail(reply.body()));
        }
    }

    private void register(List<Shopper> batch) throws LoadSetupException, InterruptedException {
        List<CompletableFuture<Reply>> calls = new ArrayList<>();
        for (Shopper shopper : batch) {
            String name = "Load shopper " + shopper.email().substring(0, shopper.email().indexOf('@'));
            calls.add(send(ShopRequest.post("/api/sso/register",
                    ShopJson.write(new ShopJson.Registration(shopper.email(), name, shopper.password())))));
        }
        List<Reply> replies = await(calls);
        for (int i = 0; i < batch.size(); i++) {
            if (replies.get(i).status() != 201) {
                throw setUpFailed("registering " + batch.get(i).email(), replies.get(i));
            }
        }
    }

    private void logIn(List<Shopper> batch) throws LoadSetupException, InterruptedException {
        List<CompletableFuture<Reply>> calls = new ArrayList<>();
        for (Shopper shopper : batch) {
            calls.add(send(ScenarioRequests.loginRequest(shopper)));
        }
        List<Reply> replies = await(calls);
        for (int i = 0; i < batch.size(); i++) {
            String token = replies.get(i).status() == 200 ? ShopJson.token(replies.get(i).body()) : null;
            if (token == null) {
                throw setUpFailed("logging in " + batch.get(i).email(), replies.get(i));
            }
            batch.get(i).useToken(token);
        }
    }

    private CompletableFuture<Reply> send(ShopRequest request) {
        return transport.send(request, plan.requestTimeout());
    }

    private List<Reply> await(List<CompletableFuture<Reply>> calls) throws LoadSetupException, InterruptedException {
        // The transport times out each call; the margin only guards against a transport that never completes.
        long deadline = System.nanoTime() + plan.requestTimeout().plus(Duration.ofSeconds(5)).toNanos();
        List<Reply> replies = new ArrayList<>();
        for (CompletableFuture<Reply> call : calls) {
            try {
                replies.add(call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException | CompletionException e) {
                throw unreachable(ErrorKind.of(e), e.getCause());
            } catch (TimeoutException e) {
                throw unreachable(ErrorKind.TIMEOUT, e);
            }
        }
        return replies;
    }

    private LoadSetupException unreachable(ErrorKind kind, Throwable cause) {
        String detail = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new LoadSetupException("the shop at " + plan.target() + " is not reachable: " + kind.label() + detail);
    }

    private LoadSetupException setUpFailed(String what, Reply reply) {
        return new LoadSetupException(what + " failed at " + plan.target() + " with http " + reply.status() + ": "
                + ShopJson.problemDetail(reply.body()) + "; the load test needs working sign-up and login");
    }
}
