package io.shopscale.console.topology;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * New replica counts for some services, as typed on the command line: {@code monolith=3} or
 * {@code orders=3 payments=2}. Apply it with {@link DesiredTopology#withReplicas(Map)}.
 *
 * @param replicas in the order given
 */
public record ScaleRequest(Map<String, Integer> replicas) {

    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]+");

    public ScaleRequest {
        if (replicas == null || replicas.isEmpty()) {
            throw new TopologyException("nothing to scale: give service=count");
        }
        replicas.forEach(DesiredTopology::requireReplicaCount);
        replicas = Collections.unmodifiableMap(new LinkedHashMap<>(replicas));
    }

    public static ScaleRequest parse(List<String> args, Mode mode) {
        if (mode == null) {
            throw new TopologyException("mode is missing; use monolith or services");
        }
        if (args == null || args.isEmpty()) {
            throw new TopologyException("nothing to scale: give service=count, e.g. " + example(mode));
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> givenAs = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg == null ? -1 : arg.indexOf('=');
            if (equals <= 0) {
                throw new TopologyException(UserText.quote(arg) + " is not service=count, e.g. " + example(mode));
            }
            String service = arg.substring(0, equals);
            String count = arg.substring(equals + 1);
            mode.requireService(service);
            if (givenAs.containsKey(service)) {
                throw new TopologyException(service + " is given twice: " + UserText.quote(givenAs.get(service))
                        + " and " + UserText.quote(arg));
            }
            givenAs.put(service, arg);
            counts.put(service, parseCount(service, count, arg));
        }
        return new ScaleRequest(counts);
    }

    private static int parseCount(String service, String count, String arg) {
        if (!WHOLE_NUMBER.matcher(count).matches()) {
            throw new TopologyException("in " + UserText.quote(arg) + ", " + UserText.quote(count)
                    + " is not a whole number of replicas");
        }
        try {
            return Integer.parseInt(count);
        } catch (NumberFormatException tooManyDigits) {
            throw DesiredTopology.replicaCountOutOfRange(service, count);
        }
    }

    private static String example(Mode mode) {
        return mode == Mode.MONOLITH ? "monolith=3" : "orders=3 payments=2";
    }
}
