package io.shopscale.console.metrics;

/** Ends a listener's subscription; closing twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
