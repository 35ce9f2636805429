package io.shopscale.console.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/**
 * Renders nginx-templates with JMustache. Every value that reaches a template is checked first: names are
 * lowercase words, addresses are IPv4:port, so no user text can add a directive to the config.
 */
final class ConfigTemplates {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3}\\.){3}\\d{1,3}:\\d{1,5}");
    static final int STATUS_PORT = 8081;

    private static final Mustache.Compiler COMPILER = Mustache.compiler()
            .escapeHTML(false)
            .withLoader(ConfigTemplates::partial);

    private ConfigTemplates() {
    }

    static String nginx(StackName stack, Mode mode, Map<String, List<Integer>> upstreams,
            BiFunction<String, Integer, String> address) {
        List<Map<String, Object>> pools = new ArrayList<>();
        for (String service : mode.services()) {
            List<Map<String, Object>> servers = new ArrayList<>();
            for (int replica : upstreams.getOrDefault(service, List.of())) {
                servers.add(Map.of("address", checkedAddress(address.apply(service, replica)),
                        "container", checkedName(stack.value() + "-" + service + "-" + replica)));
            }
            pools.add(Map.of("name", checkedName(service), "servers", servers));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("stack", checkedName(stack.value()));
        model.put("mode", mode.label());
        model.put("pools", pools);
        model.put("publicRoutes", publicRoutes(mode));
        List<Map<String, String>> internal = internalRoutes(mode);
        model.put("internalRoutes", internal);
        model.put("hasInternalRoutes", !internal.isEmpty());
        model.put("internalPort", ContainerSpecs.INTERNAL_GATEWAY_PORT);
        model.put("statusPort", STATUS_PORT);
        return template("nginx.conf.mustache").execute(model);
    }

    static String haproxy(StackName stack, String postgresAddress, String checkUser) {
        return template("haproxy.cfg.mustache").execute(Map.of(
                "stack", checkedName(stack.value()),
                "checkUser", checkedName(checkUser),
                "databases", List.of(Map.of("name", "postgres", "address", checkedAddress(postgresAddress)))));
    }

    private static List<Map<String, String>> publicRoutes(Mode mode) {
        if (mode == Mode.MONOLITH) {
            return List.of(route("/api/", "monolith"), route("/v3/api-docs", "monolith"));
        }
        List<Map<String, String>> routes = new ArrayList<>(List.of(route("/api/sso/", "sso"),
                route("/api/catalog/", "catalog"), route("/api/orders", "orders"),
                route("/api/notifications", "notifications")));
        mode.services().forEach(service -> routes.add(route("/v3/api-docs/" + service, service)));
        return routes;
    }

    private static List<Map<String, String>> internalRoutes(Mode mode) {
        if (mode == Mode.MONOLITH) {
            return List.of();
        }
        return List.of(route("/internal/catalog/", "catalog"), route("/internal/payments/", "payments"),
                route("/internal/notifications/", "notifications"));
    }

    private static Map<String, String> route(String prefix, String pool) {
        return Map.of("prefix", prefix, "pool", pool);
    }

    private static String checkedName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a safe name for a config file: '"
                    + name.replace("\n", "\\n") + "'");
        }
        return name;
    }

    private static String checkedAddress(String address) {
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("Not an IPv4 address and port: '" + address.replace("\n", "\\n") + "'");
        }
        return address;
    }

    private static Template template(String name) {
        try (Reader reader = partial(name.replace(".mustache", ""))) {
            return COMPILER.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Templates are packaged into the jar under nginx-templates/ (see console-app's pom). */
    private static Reader partial(String name) {
        String path = "/nginx-templates/" + name + ".mustache";
        InputStream in = ConfigTemplates.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Missing template " + path);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
