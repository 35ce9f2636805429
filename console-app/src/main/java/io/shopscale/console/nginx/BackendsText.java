package io.shopscale.console.nginx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The text the console and nginx's Lua balancer exchange: first {@code replica_concurrency N}, the limit of requests
 * in flight per replica (0: none), then one line per backend: {@code pool replica address [joined [warmUntil]]},
 * times in seconds since the epoch with a fraction; a pool name alone on a line is a pool with no backend. The same
 * text is the body of a POST to the control endpoint (without times), its answer, and the backends file nginx loads
 * when it starts.
 */
final class BackendsText {

    /** The line's key; no pool name has an underscore. */
    private static final String CONCURRENCY = "replica_concurrency";

    private BackendsText() {
    }

    /** The body that sets the limit and every pool's backends; every pool appears, an empty one as its name. */
    static String of(Map<String, List<UpstreamServer>> upstreams, int replicaConcurrency) {
        StringBuilder text = new StringBuilder(CONCURRENCY + " " + replicaConcurrency + "\n");
        upstreams.forEach((pool, servers) -> {
            ConfigValues.requireName("pool name", pool);
            if (servers.isEmpty()) {
                text.append(pool).append('\n');
            }
            servers.forEach(server -> text.append(pool).append(' ').append(server.replica()).append(' ')
                    .append(server.address()).append('\n'));
        });
        return text.toString();
    }

    /**
     * @throws ConfigValueException when a line is not the limit, a pool alone or
     *                              {@code pool replica address joined warmUntil}
     */
    static RoutingSnapshot parse(String text) {
        Map<String, List<RoutedBackend>> pools = new LinkedHashMap<>();
        OptionalInt replicaConcurrency = OptionalInt.empty();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String[] fields = line.strip().split("\\s+");
            if (line.isBlank() || fields[0].startsWith("#")) {
                continue;
            }
            if (fields[0].equals(CONCURRENCY)) {
                if (fields.length != 2 || !fields[1].matches("\\d{1,4}")) {
                    throw malformed(number, line, "expected \"" + CONCURRENCY + " N\", N from 0 to 9999");
                }
                replicaConcurrency = OptionalInt.of(Integer.parseInt(fields[1]));
                continue;
            }
            String pool;
            try {
                pool = ConfigValues.requireName("pool name", fields[0]);
            } catch (ConfigValueException e) {
                throw malformed(number, line, e.getMessage());
            }
            List<RoutedBackend> backends = pools.computeIfAbsent(pool, any -> new ArrayList<>());
            if (fields.length == 1) {
                continue;
            }
            if (fields.length != 5) {
                throw malformed(number, line, "expected a pool alone or \"pool replica address joined warmUntil\"");
            }
            try {
                backends.add(new RoutedBackend(Integer.parseInt(fields[1]), fields[2], instant(fields[3]),
                        instant(fields[4])));
            } catch (NumberFormatException | ArithmeticException e) {
                throw malformed(number, line, "a number is not one: " + e.getMessage());
            } catch (ConfigValueException e) {
                throw malformed(number, line, e.getMessage());
            }
        }
        return new RoutingSnapshot(pools, replicaConcurrency);
    }

    private static Instant instant(String seconds) {
        BigDecimal value = new BigDecimal(seconds);
        return Instant.ofEpochSecond(0, value.movePointRight(9).longValueExact());
    }

    private static ConfigValueException malformed(int number, String line, String problem) {
        return new ConfigValueException("nginx's backends, line " + number + " " + ConfigValues.quote(line) + ": "
                + problem);
    }
}
