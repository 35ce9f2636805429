package io.shopscale.console.export;

import static io.shopscale.console.export.YamlText.map;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes manifests, one file per part of the stack: each tier a Deployment (readiness, liveness and startup
 * probes, requests and limits) with its Service, HorizontalPodAutoscaler and PodDisruptionBudget; nginx with its
 * config in a ConfigMap; HAProxy likewise; PostgreSQL as a StatefulSet; a shared volume claim for the static files.
 * The stack's secrets become a Secret only when asked; otherwise the pods expect a Secret of that name to exist.
 */
final class KubernetesExport {

    static final String SECRETS_FILE = "secrets.yaml";
    private static final String PART_OF = "app.kubernetes.io/part-of";
    private static final String NAME = "app.kubernetes.io/name";
    private static final String STATIC_CLAIM = "static-files";
    private static final String SECRETS_MOUNT = "/run/secrets";

    private KubernetesExport() {
    }

    static void write(StackBlueprint stack, ExportedFiles files, boolean withSecrets) {
        files.text("postgres.yaml", YamlText.documents(postgres(stack)));
        files.text("haproxy.yaml", YamlText.documents(haproxy(stack)));
        files.text("static-files.yaml", YamlText.documents(List.of(staticFiles(stack))));
        files.text("nginx.yaml", YamlText.documents(nginx(stack)));
        stack.apps().forEach(app -> files.text(app.name() + ".yaml", YamlText.documents(app(stack, app))));
        if (withSecrets) {
            files.text(SECRETS_FILE, YamlText.documents(List.of(secret(stack))));
        }
    }

    static String secretName(StackBlueprint stack) {
        return stack.stack() + "-secrets";
    }

    private static List<Object> app(StackBlueprint stack, AppTier app) {
        List<Object> items = new ArrayList<>();
        app.secrets().forEach((name, target) -> items.add(map("key", name, "path", target)));
        Map<String, Object> container = map(
                "name", app.name(),
                "image", app.image(),
                "ports", List.of(map("name", "http", "containerPort", app.port())),
                "env", environment(app.environment()),
                "resources", map(
                        "requests", map(
                                "cpu", Quantities.kubernetesCpus(Quantities.reservedCpus(app.cpus())),
                                "memory", Quantities.kubernetesMemory(app.memoryMb())),
                        "limits", map(
                                "cpu", Quantities.kubernetesCpus(app.cpus()),
                                "memory", Quantities.kubernetesMemory(app.memoryMb()))),
                "startupProbe", map("httpGet", map("path", app.livenessPath(), "port", "http"),
                        "periodSeconds", 2, "timeoutSeconds", 2, "failureThreshold", 90),
                "readinessProbe", map("httpGet", map("path", app.readinessPath(), "port", "http"),
                        "periodSeconds", 5, "timeoutSeconds", 4, "failureThreshold", 2),
                "livenessProbe", map("httpGet", map("path", app.livenessPath(), "port", "http"),
                        "periodSeconds", 10, "timeoutSeconds", 4, "failureThreshold", 3),
                // The Service stops sending new requests to a terminating pod a moment after it is told to stop.
                "lifecycle", map("preStop", map("exec", map("command", List.of("sleep", "5")))),
                "volumeMounts", List.of(
                        map("name", "secrets", "mountPath", SECRETS_MOUNT, "readOnly", true),
                        map("name", "static-files", "mountPath", StackBlueprint.STATIC_FILES)));
        Map<String, Object> pod = map(
                "terminationGracePeriodSeconds", 30,
                "containers", List.of(container),
                "volumes", List.of(
                        map("name", "secrets", "secret", map("secretName", secretName(stack), "items", items)),
                        map("name", "static-files", "persistentVolumeClaim", map("claimName", STATIC_CLAIM))));
        Map<String, Object> deployment = map(
                "apiVersion", "apps/v1",
                "kind", "Deployment",
                "metadata", metadata(stack, app.name()),
                "spec", map(
                        "replicas", app.replicas(),
                        "selector", map("matchLabels", selector(stack, app.name())),
                        "strategy", map("type", "RollingUpdate",
                                "rollingUpdate", map("maxSurge", 1, "maxUnavailable", 0)),
                        "template", map("metadata", map("labels", selector(stack, app.name())), "spec", pod)));
        int minimum = Math.max(1, app.replicas());
        Map<String, Object> autoscaler = map(
                "apiVersion", "autoscaling/v2",
                "kind", "HorizontalPodAutoscaler",
                "metadata", metadata(stack, app.name()),
                "spec", map(
                        "scaleTargetRef", map("apiVersion", "apps/v1", "kind", "Deployment", "name", app.name()),
                        "minReplicas", minimum,
                        "maxReplicas", Math.max(3, minimum * 3),
                        "metrics", List.of(map("type", "Resource", "resource", map("name", "cpu",
                                "target", map("type", "Utilization", "averageUtilization", 70))))));
        Map<String, Object> disruptionBudget = map(
                "apiVersion", "policy/v1",
                "kind", "PodDisruptionBudget",
                "metadata", metadata(stack, app.name()),
                "spec", map("maxUnavailable", 1, "selector", map("matchLabels", selector(stack, app.name()))));
        return List.of(deployment, service(stack, app.name(), List.of(port("http", app.port()))), autoscaler,
                disruptionBudget);
    }

    private static List<Object> nginx(StackBlueprint stack) {
        Map<String, Object> container = map(
                "name", "nginx",
                "image", stack.nginxImage(),
                "ports", List.of(map("name", "http", "containerPort", 80),
                        map("name", "internal", "containerPort", 8082)),
                "resources", map("requests", map("cpu", "100m", "memory", "64Mi"),
                        "limits", map("cpu", "1", "memory", "128Mi")),
                "readinessProbe", map("tcpSocket", map("port", "http"), "periodSeconds", 5),
                "livenessProbe", map("tcpSocket", map("port", "http"), "periodSeconds", 10),
                "volumeMounts", List.of(
                        map("name", "config", "mountPath", "/etc/nginx/nginx.conf", "subPath", "nginx.conf",
                                "readOnly", true),
                        map("name", "static-files", "mountPath", StackBlueprint.STATIC_FILES, "readOnly", true)));
        Map<String, Object> configMap = map(
                "apiVersion", "v1",
                "kind", "ConfigMap",
                "metadata", metadata(stack, "nginx-config"),
                "data", map("nginx.conf", stack.clusterNginxConfig()));
        return List.of(configMap, deployment(stack, "nginx", container, List.of(
                        map("name", "config", "configMap", map("name", "nginx-config")),
                        map("name", "static-files", "persistentVolumeClaim", map("claimName", STATIC_CLAIM)))),
                service(stack, "nginx", List.of(port("http", 80), port("internal", 8082))));
    }

    private static List<Object> haproxy(StackBlueprint stack) {
        Map<String, Object> container = map(
                "name", "haproxy",
                "image", stack.haproxyImage(),
                "ports", List.of(map("name", "postgres", "containerPort", 5432)),
                "resources", map("requests", map("cpu", "100m", "memory", "64Mi"),
                        "limits", map("cpu", "1", "memory", "128Mi")),
                "readinessProbe", map("tcpSocket", map("port", "postgres"), "periodSeconds", 5),
                "livenessProbe", map("tcpSocket", map("port", "postgres"), "periodSeconds", 10),
                "volumeMounts", List.of(map("name", "config", "mountPath", "/usr/local/etc/haproxy/haproxy.cfg",
                        "subPath", "haproxy.cfg", "readOnly", true)));
        Map<String, Object> configMap = map(
                "apiVersion", "v1",
                "kind", "ConfigMap",
                "metadata", metadata(stack, "haproxy-config"),
                "data", map("haproxy.cfg", stack.haproxyConfig()));
        return List.of(configMap, deployment(stack, "haproxy", container, List.of(
                        map("name", "config", "configMap", map("name", "haproxy-config")))),
                service(stack, "haproxy", List.of(port("postgres", 5432))));
    }

    private static List<Object> postgres(StackBlueprint stack) {
        StackBlueprint.Database database = stack.database();
        Map<String, Object> probe = map("exec", map("command", database.healthCheck()));
        Map<String, Object> container = map(
                "name", "postgres",
                "image", database.image(),
                "ports", List.of(map("name", "postgres", "containerPort", 5432)),
                "env", environment(map(
                        "POSTGRES_DB", database.name(),
                        "POSTGRES_USER", database.user(),
                        "POSTGRES_PASSWORD_FILE", SECRETS_MOUNT + "/" + database.passwordSecret(),
                        // A volume's root may hold lost+found, which initdb refuses: keep the data one level down.
                        "PGDATA", database.dataPath() + "/pgdata")),
                "resources", map("requests", map("cpu", "250m", "memory", "256Mi"),
                        "limits", map("cpu", "1", "memory", "512Mi")),
                "readinessProbe", map("exec", probe.get("exec"), "periodSeconds", 5),
                "livenessProbe", map("exec", probe.get("exec"), "periodSeconds", 10, "failureThreshold", 6),
                "volumeMounts", List.of(
                        map("name", "data", "mountPath", database.dataPath()),
                        map("name", "secrets", "mountPath", SECRETS_MOUNT, "readOnly", true)));
        Map<String, Object> statefulSet = map(
                "apiVersion", "apps/v1",
                "kind", "StatefulSet",
                "metadata", metadata(stack, "postgres"),
                "spec", map(
                        "serviceName", "postgres",
                        "replicas", 1,
                        "selector", map("matchLabels", selector(stack, "postgres")),
                        "template", map("metadata", map("labels", selector(stack, "postgres")), "spec", map(
                                "containers", List.of(container),
                                "volumes", List.of(map("name", "secrets", "secret", map(
                                        "secretName", secretName(stack),
                                        "items", List.of(map("key", database.passwordSecret(),
                                                "path", database.passwordSecret()))))))),
                        "volumeClaimTemplates", List.of(map(
                                "metadata", map("name", "data"),
                                "spec", map("accessModes", List.of("ReadWriteOnce"),
                                        "resources", map("requests", map("storage", "1Gi")))))));
        Map<String, Object> service = service(stack, "postgres", List.of(port("postgres", 5432)));
        // Headless: the name resolves to the pod itself, which HAProxy follows.
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) service.get("spec");
        spec.put("clusterIP", "None");
        return List.of(statefulSet, service);
    }

    /** The replicas copy the storefront into it and nginx serves it: every pod mounts it, so ReadWriteMany. */
    private static Map<String, Object> staticFiles(StackBlueprint stack) {
        return map(
                "apiVersion", "v1",
                "kind", "PersistentVolumeClaim",
                "metadata", metadata(stack, STATIC_CLAIM),
                "spec", map("accessModes", List.of("ReadWriteMany"),
                        "resources", map("requests", map("storage", "100Mi"))));
    }

    private static Map<String, Object> secret(StackBlueprint stack) {
        Map<String, Object> data = new LinkedHashMap<>();
        stack.secretFiles().forEach((name, file) -> {
            try {
                data.put(name, Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the stack secret " + file, e);
            }
        });
        return map(
                "apiVersion", "v1",
                "kind", "Secret",
                "metadata", metadata(stack, secretName(stack)),
                "type", "Opaque",
                "data", data);
    }

    private static Map<String, Object> deployment(StackBlueprint stack, String name, Map<String, Object> container,
            List<Object> volumes) {
        return map(
                "apiVersion", "apps/v1",
                "kind", "Deployment",
                "metadata", metadata(stack, name),
                "spec", map(
                        "replicas", 1,
                        "selector", map("matchLabels", selector(stack, name)),
                        "template", map("metadata", map("labels", selector(stack, name)),
                                "spec", map("containers", List.of(container), "volumes", volumes))));
    }

    private static Map<String, Object> service(StackBlueprint stack, String name, List<Object> ports) {
        return map(
                "apiVersion", "v1",
                "kind", "Service",
                "metadata", metadata(stack, name),
                "spec", map("selector", selector(stack, name), "ports", ports));
    }

    private static Map<String, Object> port(String name, int port) {
        return map("name", name, "port", port, "targetPort", port);
    }

    private static Map<String, Object> metadata(StackBlueprint stack, String name) {
        return map("name", name, "labels", selector(stack, name));
    }

    private static Map<String, Object> selector(StackBlueprint stack, String name) {
        return map(NAME, name, PART_OF, stack.stack());
    }

    private static List<Object> environment(Map<String, ?> environment) {
        List<Object> variables = new ArrayList<>();
        environment.forEach((name, value) -> variables.add(map("name", name, "value", value)));
        return variables;
    }
}
