package io.shopscale.console.nginx;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text the console and nginx's Lua balancer exchange, one line per backend:
 * {@code pool replica address [joined [warmUntil]]}, times in seconds since the epoch with a fraction; a pool name
 * alone on a line is a pool with no backend. The same text is the body of a POST to the control endpoint (without
 * times), its answer, and the backends file nginx loads when it starts.
 */
final class BackendsText {

    private BackendsText() {
    }

    /** The body that sets every pool's backends; every pool of the model appears, an empty one as its name. */
    static String of(Map<String, List<UpstreamServer>> upstreams) {
        StringBuilder text = new StringBuilder();
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
     * @throws ConfigValueException when a line is not a pool alone or {@code pool replica address joined warmUntil}
     */
    static RoutingSnapshot parse(String text) {
        Map<String, List<RoutedBackend>> pools = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String[] fields = line.strip().split("\\s+");
            if (line.isBlank() || fields[0].startsWith("#")) {
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
        return new RoutingSnapshot(pools);
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
