package io.shopscale.console.window.diagram;

/**
 * A connection from the right side of one box to the left side of another.
 *
 * @param strokeWidth from nginx to a replica, wider as the replica answers more of the traffic
 * @param label       the replica's share of the last second's traffic ({@code 43%}), or empty
 */
public record TopologyEdge(String from, String to, double startX, double startY, double endX, double endY,
        double strokeWidth, String label) {
}
