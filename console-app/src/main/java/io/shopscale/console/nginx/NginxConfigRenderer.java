package io.shopscale.console.nginx;

import com.samskivert.mustache.Template;
import io.shopscale.console.nginx.GatewayRoutes.Route;
import io.shopscale.console.topology.Mode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders the gateway's {@code nginx.conf} from {@code nginx.conf.mustache} and its partials. The text depends only
 * on the config's shape: the mode, the ports, the pools and which of them have a replica (that decides the routes
 * while the mode is switched). Which replicas a pool has is not in the text: {@link BackendsControl} sets that without
 * a reload. So adding or removing a replica of a pool that keeps at least one renders the same text.
 */
public final class NginxConfigRenderer {

    public static final String TEMPLATE = "nginx.conf.mustache";

    private final TemplateEngine engine;
    private final Template template;

    public NginxConfigRenderer(Templates templates) {
        this.engine = new TemplateEngine(templates);
        this.template = engine.compile(TEMPLATE);
    }

    /** With the templates found by {@link Templates#locate()}. */
    public static NginxConfigRenderer withDefaultTemplates() {
        return new NginxConfigRenderer(Templates.locate());
    }

    /**
     * Every value that reaches the template was validated when the model was built (names, addresses, ports), and
     * routes come from {@link GatewayRoutes}; nothing else is written into the config.
     */
    public String render(GatewayModel model) {
        if (model == null) {
            throw new IllegalArgumentException("gateway model is missing");
        }
        GatewayRoutes routes = routes(model);
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("stack", model.stack().value());
        context.put("mode", model.mode().label());
        context.put("publicPort", model.ports().publicPort());
        context.put("statusPort", model.ports().statusPort());
        context.put("internalPort", model.ports().internalPort());
        context.put("controlPort", BackendsControl.PORT);
        context.put("backendsFile", BackendsControl.FILE);
        context.put("slowStartSeconds", BackendsControl.SLOW_START.toSeconds());
        context.put("pools", model.upstreams().keySet().stream()
                .map(pool -> Map.of("name", pool, "routed", routes.routes(pool)))
                .toList());
        context.put("publicRoutes", routeContexts(routes.publicRoutes()));
        context.put("internalRoutes", routeContexts(routes.internalRoutes()));
        context.put("hasInternalRoutes", !routes.internalRoutes().isEmpty());
        return engine.run(template, TEMPLATE, context);
    }

    /**
     * The mode's routes, falling back to the other mode's pools where the mode's own have no server yet. This stays a
     * render-time rule: a pool gaining its first replica or losing its last changes the config's shape and reloads,
     * which happens only when the stack starts, when the mode is switched, or when a service has no replica left.
     */
    private static GatewayRoutes routes(GatewayModel model) {
        Set<String> serving = model.upstreams().entrySet().stream().filter(pool -> !pool.getValue().isEmpty())
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        GatewayRoutes routes = GatewayRoutes.of(model.mode());
        for (Mode other : Mode.values()) {
            if (other != model.mode()) {
                routes = routes.servedBy(serving, GatewayRoutes.of(other));
            }
        }
        return routes;
    }

    private static List<Map<String, Object>> routeContexts(List<Route> routes) {
        return routes.stream().map(route -> Map.<String, Object>of(
                "location", route.location(), "pool", route.pool())).toList();
    }
}
