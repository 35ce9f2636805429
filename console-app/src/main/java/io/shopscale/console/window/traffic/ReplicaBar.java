package io.shopscale.console.window.traffic;

import java.util.Locale;

import io.shopscale.console.metrics.ReplicaShare;

/** One replica's part of the last second's traffic, as a bar. */
public record ReplicaBar(String replica, ReplicaShare share) {

    /** {@code 43% · 52 requests}. */
    public String label() {
        return String.format(Locale.ROOT, "%.0f%% · %d %s", share.share() * 100, share.requests(),
                share.requests() == 1 ? "request" : "requests");
    }
}
