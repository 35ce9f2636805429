package io.shopscale.console.metrics;

import java.time.Instant;

/** Something the user or the engine did, placed on the samples' timeline so a chart can mark it. */
public record Event(Instant time, EventKind kind, String text) {

    public Event {
        if (time == null || kind == null) {
            throw new IllegalArgumentException("an event needs a time and a kind");
        }
        text = text == null ? "" : text;
    }
}
