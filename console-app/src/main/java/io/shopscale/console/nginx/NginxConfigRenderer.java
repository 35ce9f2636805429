package io.shopscale.console.nginx;

import com.samskivert.mustache.Template;
import io.shopscale.console.nginx.GatewayRoutes.Route;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        GatewayRoutes routes = GatewayRoutes.of(model.mode());
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

    private static Map<String, Object> server(UpstreamServer server) {
        return Map.of("address", server.address(), "container", server.container());
    }

    private static List<Map<String, Object>> routeContexts(List<Route> routes) {
        return routes.stream().map(route -> Map.<String, Object>of(
                "location", route.location(), "pool", route.pool())).toList();
    }
}
