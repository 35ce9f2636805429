package io.shopscale.console.plan;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything of one stack found on the Docker engine, by its {@link Labels#STACK} label.
 *
 * @param network the stack's network, if it exists
 * @param volumes names of the stack's volumes that exist
 */
public record ObservedStack(Optional<String> network, Set<String> volumes, List<ObservedContainer> containers) {

    public static final ObservedStack NOTHING = new ObservedStack(Optional.empty(), Set.of(), List.of());

    public ObservedStack {
        if (network == null || volumes == null || containers == null) {
            throw new IllegalArgumentException("incomplete observed stack");
        }
        volumes = Set.copyOf(volumes);
        containers = List.copyOf(containers);
    }
}
