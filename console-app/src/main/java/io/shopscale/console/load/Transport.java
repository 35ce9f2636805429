package io.shopscale.console.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Sends a request without waiting for it; tests swap in a shop that answers when they say. */
interface Transport extends AutoCloseable {

    /**
     * @return completes with the reply, whatever its status, or exceptionally with what the HTTP client threw
     */
    CompletableFuture<Reply> send(ShopRequest request, Duration timeout);

    /** Releases connections and threads; requests sent afterwards fail. */
    @Override
    default void close() {
    }
}
