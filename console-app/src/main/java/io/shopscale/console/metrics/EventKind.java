package io.shopscale.console.metrics;

/** What a marker on the timeline stands for. */
public enum EventKind {
    SCALE,
    KILL,
    RELOAD,
    /** nginx's routing changed without a reload. */
    ROUTING,
    MODE_SWITCH,
    /** A fault was switched on or off ({@code shopctl fault}, the Faults panel, an experiment's fault step). */
    FAULT,
    OTHER
}
