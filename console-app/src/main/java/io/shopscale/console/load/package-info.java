/**
 * The open-loop load generator: requests start at the times a {@link io.shopscale.console.load.RateSchedule}
 * dictates, whatever the shop answers, and each latency counts from that intended start, so a stalled shop or a
 * stalled generator shows as latency instead of vanishing (coordinated omission).
 *
 * <p>A {@link io.shopscale.console.load.LoadPlan} says where, how fast and which {@link
 * io.shopscale.console.load.ScenarioMix}; a {@link io.shopscale.console.load.LoadGenerator} runs it, feeds every
 * finished request to the {@link io.shopscale.console.metrics.MetricsHub} and ends with a {@link
 * io.shopscale.console.load.LoadReport} that {@link io.shopscale.console.load.Thresholds} can judge. Only the JDK
 * is used, HTTP/1.1 over plain sockets (see {@code SocketTransport} for why not {@code java.net.http}); neither
 * docker-java nor JavaFX. Apache HttpClient 5 appears only in {@code ApacheClassicTransport} and
 * {@code ApacheAsyncTransport}, which {@link io.shopscale.console.load.GeneratorBenchmark} measures against it.
 */
package io.shopscale.console.load;
