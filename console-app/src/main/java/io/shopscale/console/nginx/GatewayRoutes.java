package io.shopscale.console.nginx;

import io.shopscale.console.topology.Mode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which path prefix goes to which pool, per mode: a table, so that the template has one way to write a route and a
 * reader sees the whole routing here. Every location is an nginx prefix location; nginx picks the longest match.
 *
 * @param publicRoutes   on the published listener
 * @param internalRoutes on the unpublished internal listener, for service-to-service calls; empty in monolith mode,
 *                       where the modules call each other in-process
 */
public record GatewayRoutes(List<Route> publicRoutes, List<Route> internalRoutes) {

    /** @param location an nginx prefix location, e.g. {@code /api/catalog/} */
    public record Route(String location, String pool) {

        private static final Pattern LOCATION = Pattern.compile("/[a-z0-9/.-]*");

        public Route {
            if (location == null || !LOCATION.matcher(location).matches()) {
                throw new ConfigValueException("invalid route location " + location);
            }
            ConfigValues.requireName("pool name", pool);
        }
    }

    private static final Map<Mode, GatewayRoutes> BY_MODE = new EnumMap<>(Map.of(
            Mode.MONOLITH, new GatewayRoutes(
                    List.of(
                            new Route("/api/", "monolith"),
                            new Route("/v3/api-docs", "monolith")),
                    List.of()),
            Mode.SERVICES, new GatewayRoutes(
                    List.of(
                            new Route("/api/sso/", "sso"),
                            new Route("/api/catalog/", "catalog"),
                            new Route("/api/orders", "orders"),
                            new Route("/api/notifications", "notifications"),
                            new Route("/v3/api-docs/sso", "sso"),
                            new Route("/v3/api-docs/catalog", "catalog"),
                            new Route("/v3/api-docs/orders", "orders"),
                            new Route("/v3/api-docs/payments", "payments"),
                            new Route("/v3/api-docs/notifications", "notifications")),
                    List.of(
                            new Route("/internal/catalog/", "catalog"),
                            new Route("/internal/payments/", "payments"),
                            new Route("/internal/notifications/", "notifications")))));

    public GatewayRoutes {
        publicRoutes = List.copyOf(publicRoutes);
        internalRoutes = List.copyOf(internalRoutes);
    }

    public static GatewayRoutes of(Mode mode) {
        return BY_MODE.get(mode);
    }

    /** Whether any route of either listener sends requests to this pool. */
    public boolean routes(String pool) {
        return publicRoutes.stream().anyMatch(route -> route.pool().equals(pool))
                || internalRoutes.stream().anyMatch(route -> route.pool().equals(pool));
    }
}
