/**
 * Time series for the panels: one {@link io.shopscale.console.metrics.Sample} per second, a few minutes of them in
 * a {@link io.shopscale.console.metrics.MetricsHub}, with scale, kill, reload and mode-switch
 * {@link io.shopscale.console.metrics.Event}s on the same timeline.
 *
 * <p>Everything reads time from a {@link io.shopscale.console.metrics.TimeSource}, so the statistics are tested with
 * a hand-driven clock instead of sleeping. Neither docker-java nor JavaFX is used here: the docker package pushes
 * container stats in, the UI subscribes and throttles on its side.
 */
package io.shopscale.console.metrics;
