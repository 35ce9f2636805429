package io.shopscale.console.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.shopscale.console.export.StackBlueprint;
import io.shopscale.console.nginx.ExportConfigRenderer;
import io.shopscale.console.nginx.Templates;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.Limits;
import io.shopscale.console.topology.Mode;
import io.shopscale.console.topology.StackName;

/**
 * Blueprints of two stacks as the engine describes them for an export: the monolith with three replicas, and the
 * services with a replica count each. Secrets are real files under {@code home}; {@link #withFixedSecretPaths}
 * names them where a golden file can expect them.
 */
public final class ExportedStacks {

    static final Path FIXED_SECRETS = Path.of("/home/shop/.shopscale/stacks/shop/secrets");

    private ExportedStacks() {
    }

    public static StackBlueprint monolith(Path home) {
        return blueprint(home, new DesiredTopology(StackName.of("shop"), Mode.MONOLITH, Map.of("monolith", 3),
                Limits.DEFAULT, 8080));
    }

    public static StackBlueprint services(Path home) {
        Map<String, Integer> replicas = new LinkedHashMap<>();
        replicas.put("sso", 1);
        replicas.put("catalog", 2);
        replicas.put("orders", 2);
        replicas.put("payments", 1);
        replicas.put("notifications", 1);
        return blueprint(home, new DesiredTopology(StackName.of("shop"), Mode.SERVICES, replicas,
                new Limits(0.5, 256), 8080));
    }

    /** The same blueprint with its secret files named under {@link #FIXED_SECRETS}, which do not exist. */
    public static StackBlueprint withFixedSecretPaths(StackBlueprint stack) {
        Map<String, Path> fixed = new LinkedHashMap<>();
        stack.secretFiles().keySet().forEach(name -> fixed.put(name, FIXED_SECRETS.resolve(name)));
        return new StackBlueprint(stack.stack(), stack.mode(), stack.publishPort(), stack.apps(), stack.database(),
                stack.haproxyImage(), stack.nginxImage(), stack.swarmNginxConfig(), stack.clusterNginxConfig(),
                stack.haproxyConfig(), fixed);
    }

    private static StackBlueprint blueprint(Path home, DesiredTopology desired) {
        Map<String, String> apps = new LinkedHashMap<>();
        desired.mode().services().forEach(service -> apps.put(service, "shopscale/" + service + ":1a2b3c4d"));
        StackWish wish = new StackWish(desired, new ContainerSpecs.Images("shopscale/postgres:15",
                "shopscale/haproxy:2.6", "shopscale/nginx:1.22", apps));
        return StackBlueprints.of(wish, StackSecrets.forStack(home, desired.stack()),
                new ExportConfigRenderer(Templates.inDirectory(Path.of("../nginx-templates"))));
    }
}
