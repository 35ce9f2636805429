package io.shopscale.console.metrics;

/** What a marker on the timeline stands for. */
public enum EventKind {
    SCALE,
    KILL,
    RELOAD,
    MODE_SWITCH,
    OTHER
}
