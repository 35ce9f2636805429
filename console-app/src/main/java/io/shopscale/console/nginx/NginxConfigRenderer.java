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
 * on the model, so the same routing always renders to the same text and a reload happens only when the routing
 * changed.
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
        context.put("pools", model.upstreams().entrySet().stream()
                .map(pool -> Map.of(
                        "name", pool.getKey(),
                        "routed", routes.routes(pool.getKey()),
                        "servers", pool.getValue().stream().map(NginxConfigRenderer::server).toList()))
                .toList());
        context.put("publicRoutes", routeContexts(routes.publicRoutes()));
        context.put("internalRoutes", routeContexts(routes.internalRoutes()));
        context.put("hasInternalRoutes", !routes.internalRoutes().isEmpty());
        return engine.run(template, TEMPLATE, context);
    }

    /** The mode's routes, falling back to the other mode's pools where the mode's own have no server yet. */
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

    private static Map<String, Object> server(UpstreamServer server) {
        return Map.of("address", server.address(), "container", server.container());
    }

    private static List<Map<String, Object>> routeContexts(List<Route> routes) {
        return routes.stream().map(route -> Map.<String, Object>of(
                "location", route.location(), "pool", route.pool())).toList();
    }
}
