package io.shopscale.console.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The whole of what the user wants deployed: every service of the mode with its replica count, the per-replica
 * limits and the host port nginx publishes.
 *
 * @param replicas one entry per service of {@code mode}; the copy kept here iterates in the mode's service order
 */
public record DesiredTopology(StackName stack, Mode mode, Map<String, Integer> replicas, Limits limits,
                              int publishPort) {

    /**
     * Nine replicas of 100 MB plus the infrastructure fit on a laptop's Docker engine; raise it together with
     * {@link Limits#DEFAULT} once the images have been measured.
     */
    public static final int MAX_REPLICAS = 9;
    /** Ports below 1024 need root on Linux hosts. */
    public static final int MIN_PORT = 1024;
    public static final int MAX_PORT = 65535;

    public DesiredTopology {
        if (stack == null) {
            throw new TopologyException("stack name is missing");
        }
        if (mode == null) {
            throw new TopologyException("mode is missing; use monolith or services");
        }
        if (limits == null) {
            throw new TopologyException("limits are missing");
        }
        replicas = validatedReplicas(mode, replicas);
        if (publishPort < MIN_PORT || publishPort > MAX_PORT) {
            throw new TopologyException("publish port " + publishPort + " is out of range: use " + MIN_PORT + " to "
                    + MAX_PORT + " (lower ports need root)");
        }
    }

    /** One replica of every service of the mode, with the default limits: what {@code shopctl up} starts. */
    public static DesiredTopology initial(StackName stack, Mode mode, int publishPort) {
        return initial(stack, mode, publishPort, Limits.DEFAULT);
    }

    /** One replica of every service of the mode, with these limits per replica. */
    public static DesiredTopology initial(StackName stack, Mode mode, int publishPort, Limits limits) {
        Map<String, Integer> one = new LinkedHashMap<>();
        mode.services().forEach(service -> one.put(service, 1));
        return new DesiredTopology(stack, mode, one, limits, publishPort);
    }

    public int replicasOf(String service) {
        mode.requireService(service);
        return replicas.get(service);
    }

    /** A copy with the given services' counts replaced; the services not named keep their count. */
    public DesiredTopology withReplicas(Map<String, Integer> changes) {
        if (changes == null) {
            throw new TopologyException("replica changes are missing");
        }
        Map<String, Integer> changed = new LinkedHashMap<>(replicas);
        new TreeSet<>(changes.keySet()).forEach(mode::requireService);
        changed.putAll(changes);
        return new DesiredTopology(stack, mode, changed, limits, publishPort);
    }

    static void requireReplicaCount(String service, Integer count) {
        if (count == null) {
            throw new TopologyException("replica count missing for " + service);
        }
        if (count < 1 || count > MAX_REPLICAS) {
            throw replicaCountOutOfRange(service, String.valueOf(count));
        }
    }

    static TopologyException replicaCountOutOfRange(String service, String count) {
        return new TopologyException(service + "=" + count + " is out of range: replicas must be between 1 and "
                + MAX_REPLICAS);
    }

    private static Map<String, Integer> validatedReplicas(Mode mode, Map<String, Integer> requested) {
        if (requested == null) {
            throw new TopologyException("replica counts are missing; " + mode.label() + " mode needs one for each of: "
                    + String.join(", ", mode.services()));
        }
        if (requested.keySet().stream().anyMatch(Objects::isNull)) {
            throw new TopologyException("a replica count names no service");
        }
        // Sorted, so that the first unknown service reported does not depend on the caller's map type.
        new TreeSet<>(requested.keySet()).forEach(mode::requireService);
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String service : mode.services()) {
            Integer count = requested.get(service);
            if (count == null) {
                throw new TopologyException("replica count missing for " + service + "; " + mode.label()
                        + " mode needs one for each of: " + String.join(", ", mode.services()));
            }
            requireReplicaCount(service, count);
            ordered.put(service, count);
        }
        return Collections.unmodifiableMap(ordered);
    }
}
