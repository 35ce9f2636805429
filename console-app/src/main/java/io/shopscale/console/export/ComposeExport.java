package io.shopscale.console.export;

import static io.shopscale.console.export.YamlText.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker-compose.yml} in the seed's style, for {@code docker stack deploy} and {@code docker compose up},
 * with the proxy configs beside it: every service on the stack's default network with {@code endpoint_mode: dnsrr}
 * (so it needs no IPVS), replicas with limits and reservations, the static-files volume shared by the replicas and
 * nginx, and secrets as files, never inlined.
 */
final class ComposeExport {

    static final String COMPOSE_FILE = "docker-compose.yml";
    static final String NGINX_CONFIG = "nginx.conf";
    static final String HAPROXY_CONFIG = "haproxy.cfg";
    static final String SECRETS_DIRECTORY = "secrets/";
    private static final String DATABASE_VOLUME = "database";
    private static final String STATIC_VOLUME = "static-files";

    private ComposeExport() {
    }

    /**
     * Writes {@code docker-compose.yml}, {@code nginx.conf} and {@code haproxy.cfg}. Secrets: with
     * {@code withSecrets}, copies of the stack's secret files under {@code secrets/} (readable by this user only);
     * without, the compose file names the stack's own secret files where they are.
     */
    static void write(StackBlueprint stack, ExportedFiles files, boolean withSecrets) {
        files.text(COMPOSE_FILE, YamlText.document(compose(stack, withSecrets)));
        files.text(NGINX_CONFIG, stack.swarmNginxConfig());
        files.text(HAPROXY_CONFIG, stack.haproxyConfig());
        if (withSecrets) {
            stack.secretFiles().forEach((name, file) -> files.secret(SECRETS_DIRECTORY + name, file));
        }
    }

    static Map<String, Object> compose(StackBlueprint stack, boolean withSecrets) {
        Map<String, Object> services = new LinkedHashMap<>();
        services.put("postgres", postgres(stack.database()));
        services.put("haproxy", map(
                "image", stack.haproxyImage(),
                "configs", List.of(map("source", "haproxy-config", "target", "/usr/local/etc/haproxy/haproxy.cfg")),
                "deploy", map("replicas", 1, "endpoint_mode", "dnsrr")));
        services.put("nginx", map(
                "image", stack.nginxImage(),
                "configs", List.of(map("source", "nginx-config", "target", "/etc/nginx/nginx.conf")),
                "volumes", List.of(STATIC_VOLUME + ":" + StackBlueprint.STATIC_FILES + ":ro"),
                // Published on the node itself: there is no routing mesh without IPVS.
                "ports", List.of(map("target", 80, "published", stack.publishPort(), "protocol", "tcp",
                        "mode", "host")),
                "deploy", map("replicas", 1, "endpoint_mode", "dnsrr")));
        stack.apps().forEach(app -> services.put(app.name(), app(app)));

        Map<String, Object> secrets = new LinkedHashMap<>();
        stack.secretFiles().forEach((name, file) -> secrets.put(name,
                map("file", withSecrets ? "./" + SECRETS_DIRECTORY + name : file.toString())));
        return map(
                "version", "3.8",
                "services", services,
                "volumes", map(DATABASE_VOLUME, Map.of(), STATIC_VOLUME, Map.of()),
                "configs", map(
                        "nginx-config", map("file", "./" + NGINX_CONFIG),
                        "haproxy-config", map("file", "./" + HAPROXY_CONFIG)),
                "secrets", secrets);
    }

    private static Map<String, Object> postgres(StackBlueprint.Database database) {
        return map(
                "image", database.image(),
                "environment", map(
                        "POSTGRES_DB", database.name(),
                        "POSTGRES_USER", database.user(),
                        "POSTGRES_PASSWORD_FILE", "/run/secrets/" + database.passwordSecret()),
                "secrets", List.of(map("source", database.passwordSecret(), "target", database.passwordSecret())),
                "volumes", List.of(DATABASE_VOLUME + ":" + database.dataPath()),
                "healthcheck", healthCheck(database.healthCheck(), "30s"),
                "deploy", map("replicas", 1, "endpoint_mode", "dnsrr"));
    }

    private static Map<String, Object> app(AppTier app) {
        List<Object> secrets = new ArrayList<>();
        app.secrets().forEach((name, target) -> secrets.add(map("source", name, "target", target)));
        return map(
                "image", app.image(),
                "environment", new LinkedHashMap<>(app.environment()),
                "secrets", secrets,
                "volumes", List.of(STATIC_VOLUME + ":" + StackBlueprint.STATIC_FILES),
                "healthcheck", healthCheck(app.healthCheck(), "120s"),
                // Longer than the app's 20 s graceful shutdown, so requests in flight finish.
                "stop_grace_period", "30s",
                "deploy", map(
                        "replicas", app.replicas(),
                        "endpoint_mode", "dnsrr",
                        "resources", map(
                                "limits", map(
                                        "cpus", Quantities.composeCpus(app.cpus()),
                                        "memory", Quantities.composeMemory(app.memoryMb())),
                                "reservations", map(
                                        "cpus", Quantities.composeCpus(Quantities.reservedCpus(app.cpus())),
                                        "memory", Quantities.composeMemory(app.memoryMb()))),
                        "update_config", map("parallelism", 1, "order", "start-first", "failure_action", "rollback",
                                "monitor", "30s"),
                        "rollback_config", map("parallelism", 1, "order", "start-first"),
                        "restart_policy", map("condition", "any", "delay", "5s")));
    }

    private static Map<String, Object> healthCheck(List<String> command, String startPeriod) {
        List<String> test = new ArrayList<>();
        test.add("CMD");
        test.addAll(command);
        return map("test", test, "interval", "5s", "timeout", "5s", "retries", 3, "start_period", startPeriod);
    }
}
