package io.shopscale.console.nginx;

import io.shopscale.console.topology.Mode;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which path prefix goes to which pool, per mode: a table, so that the template has one way to write a route and a
 * reader sees the whole routing here. Every location is an nginx prefix location; nginx picks the longest match.
 *
 * @param publicRoutes   on the published listener
 * @param internalRoutes on the unpublished internal listener, for service-to-service calls. The monolith's modules
 *                       call each other in-process, but it serves the same internal paths, so that a service still
 *                       running during a mode switch can reach it
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
                    List.of(new Route("/internal/", "monolith"))),
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

    /**
     * The routes to render when some pools have no server (a mode switch is under way): a route whose pool has no
     * server goes to the {@code other} mode's pool that covers its prefix, if that one serves, and the other mode's
     * more specific routes under it keep their own pools. So each request goes to whichever topology can serve it,
     * and no prefix answers 503 while either topology could take it.
     *
     * @param serving the pools that have at least one server
     */
    public GatewayRoutes servedBy(Set<String> serving, GatewayRoutes other) {
        return new GatewayRoutes(withFallback(publicRoutes, other.publicRoutes, serving),
                withFallback(internalRoutes, other.internalRoutes, serving));
    }

    private static List<Route> withFallback(List<Route> own, List<Route> other, Set<String> serving) {
        Map<String, Route> routes = new LinkedHashMap<>();
        own.forEach(route -> routes.put(route.location(), route));
        for (Route route : own) {
            if (serving.contains(route.pool())) {
                continue;
            }
            other.stream()
                    .filter(cover -> serving.contains(cover.pool()) && route.location().startsWith(cover.location()))
                    .max(Comparator.comparingInt(cover -> cover.location().length()))
                    .ifPresent(cover -> routes.put(route.location(), new Route(route.location(), cover.pool())));
            other.stream()
                    .filter(inner -> serving.contains(inner.pool()) && inner.location().startsWith(route.location()))
                    .forEach(inner -> routes.putIfAbsent(inner.location(), inner));
        }
        return List.copyOf(routes.values());
    }

    /** Whether any route of either listener sends requests to this pool. */
    public boolean routes(String pool) {
        return publicRoutes.stream().anyMatch(route -> route.pool().equals(pool))
                || internalRoutes.stream().anyMatch(route -> route.pool().equals(pool));
    }
}
