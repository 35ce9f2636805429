package io.shopscale.console.window.diagram;

/** The frame around one service's replicas, titled with the service. */
public record TopologyPool(String service, double x, double y, double width, double height) {
}
