package io.shopscale.console.nginx;

import com.samskivert.mustache.Template;
import io.shopscale.console.nginx.GatewayRoutes.Route;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the nginx and HAProxy configs of an exported stack ({@code nginx-export.conf.mustache},
 * {@code haproxy-export.cfg.mustache}): the same routes, retries and problem details as the console's gateway, but
 * finding replicas and the database by DNS name, so they run under an orchestrator without the console.
 */
public final class ExportConfigRenderer {

    public static final String NGINX_TEMPLATE = "nginx-export.conf.mustache";
    public static final String HAPROXY_TEMPLATE = "haproxy-export.cfg.mustache";

    private final TemplateEngine engine;
    private final Template nginx;
    private final Template haproxy;

    public ExportConfigRenderer(Templates templates) {
        this.engine = new TemplateEngine(templates);
        this.nginx = engine.compile(NGINX_TEMPLATE);
        this.haproxy = engine.compile(HAPROXY_TEMPLATE);
    }

    /** With the templates found by {@link Templates#locate()}. */
    public static ExportConfigRenderer withDefaultTemplates() {
        return new ExportConfigRenderer(Templates.locate());
    }

    /**
     * The gateway's {@code nginx.conf}: the mode's routes, each to the DNS name of its service's replicas.
     *
     * @param appPort the port every replica listens on, e.g. 8080
     * @throws ConfigValueException when a name or port is not safe to write into the config
     */
    public String nginx(StackName stack, Mode mode, ServiceDiscovery discovery, int appPort) {
        if (stack == null || mode == null || discovery == null) {
            throw new ConfigValueException("stack, mode and service discovery are required");
        }
        ConfigValues.requireName("stack name", stack.value());
        ConfigValues.requirePort("app port", appPort);
        GatewayRoutes routes = GatewayRoutes.of(mode);
        GatewayPorts ports = GatewayPorts.DEFAULT;
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("stack", stack.value());
        context.put("mode", mode.label());
        context.put("target", discovery.target());
        context.put("resolveEachRequest", discovery.resolvesEachRequest());
        context.put("resolver", discovery.resolver());
        context.put("appPort", appPort);
        context.put("publicPort", ports.publicPort());
        context.put("internalPort", ports.internalPort());
        context.put("pools", mode.services().stream()
                .map(service -> Map.<String, Object>of("name", ConfigValues.requireName("service name", service)))
                .toList());
        context.put("publicRoutes", routeContexts(routes.publicRoutes()));
        context.put("internalRoutes", routeContexts(routes.internalRoutes()));
        context.put("hasInternalRoutes", !routes.internalRoutes().isEmpty());
        return engine.run(nginx, NGINX_TEMPLATE, context);
    }

    /**
     * HAProxy's {@code haproxy.cfg}, fronting PostgreSQL by its DNS name.
     *
     * @param postgresHost the database's service name, e.g. {@code postgres}
     * @param checkUser    any database user, named in the health check's start-up message
     */
    public String haproxy(StackName stack, String postgresHost, String checkUser) {
        if (stack == null) {
            throw new ConfigValueException("stack name is missing");
        }
        return engine.run(haproxy, HAPROXY_TEMPLATE, Map.of(
                "stack", ConfigValues.requireName("stack name", stack.value()),
                "postgresHost", ConfigValues.requireName("database host", postgresHost),
                "checkUser", ConfigValues.requireDatabaseUser("database user", checkUser)));
    }

    private static List<Map<String, Object>> routeContexts(List<Route> routes) {
        return routes.stream().map(route -> Map.<String, Object>of(
                "location", route.location(), "pool", route.pool())).toList();
    }
}
