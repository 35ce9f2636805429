package io.shopscale.console.window.diagram;

import io.shopscale.console.window.stack.ReplicaState;

/**
 * One container drawn as a box, coloured by its state.
 *
 * @param container the container's name, also the box's title
 * @param role      {@code nginx}, {@code app}, {@code haproxy} or {@code postgres}
 */
public record TopologyBox(String container, String role, ReplicaState state, double x, double y, double width,
        double height) {

    public double centerY() {
        return y + height / 2;
    }
}
