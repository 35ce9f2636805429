package io.shopscale.console.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shopscale.console.export.AppTier;
import io.shopscale.console.export.StackBlueprint;
import io.shopscale.console.nginx.ExportConfigRenderer;
import io.shopscale.console.nginx.ServiceDiscovery;
import io.shopscale.console.topology.DesiredTopology;
import io.shopscale.console.topology.StackName;

/**
 * Describes a stack for an export, from what the user last asked of it: the same images, limits, environment,
 * health checks and secrets as the containers the engine creates, with the other containers reached by service
 * name instead of address. Every tier logs in as the database owner: the per-service users of services mode are
 * made by the engine at run time, which an exported stack has not.
 */
final class StackBlueprints {

    static final String POSTGRES = "postgres";
    static final String HAPROXY = "haproxy";
    static final String NGINX = "nginx";

    private StackBlueprints() {
    }

    /**
     * @param secrets the stack's secrets; only their file names are read
     */
    static StackBlueprint of(StackWish wish, StackSecrets secrets, ExportConfigRenderer renderer) {
        DesiredTopology desired = wish.desired();
        StackName stack = desired.stack();
        Map<String, Path> secretFiles = new LinkedHashMap<>();
        for (String name : List.of(StackSecrets.DATABASE_PASSWORD, StackSecrets.TOKEN_PUBLIC_KEY,
                StackSecrets.TOKEN_PRIVATE_KEY)) {
            secretFiles.put(name, secrets.file(name));
        }
        List<AppTier> apps = desired.mode().services().stream().map(service -> new AppTier(
                service,
                wish.images().apps().get(service),
                desired.replicas().getOrDefault(service, 0),
                desired.limits().cpus(),
                desired.limits().memoryMb(),
                ContainerSpecs.appEnvironment(service, HAPROXY, NGINX, false, desired.limits().memoryMb()),
                secretsOf(service),
                ContainerSpecs.APP_PORT,
                "/actuator/health/readiness",
                "/actuator/health/liveness",
                ContainerSpecs.appReadinessCheck())).toList();
        return new StackBlueprint(stack.value(), desired.mode().label(), desired.publishPort(), apps,
                new StackBlueprint.Database(wish.images().postgres(), ContainerSpecs.DATABASE,
                        ContainerSpecs.DATABASE_USER, StackSecrets.DATABASE_PASSWORD, "/var/lib/postgresql/data",
                        ContainerSpecs.postgresReadinessCheck()),
                wish.images().haproxy(), wish.images().nginx(),
                renderer.nginx(stack, desired.mode(), ServiceDiscovery.DOCKER_DNS, ContainerSpecs.APP_PORT),
                renderer.nginx(stack, desired.mode(), ServiceDiscovery.CLUSTER_SERVICES, ContainerSpecs.APP_PORT),
                renderer.haproxy(stack, POSTGRES, ContainerSpecs.DATABASE_USER),
                secretFiles);
    }

    /** Secret name to its file under {@code /run/secrets}, as {@link ContainerSpecs#app} places them. */
    private static Map<String, String> secretsOf(String service) {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(StackSecrets.DATABASE_PASSWORD, "spring.datasource.password");
        secrets.put(StackSecrets.TOKEN_PUBLIC_KEY, "keys/" + StackSecrets.TOKEN_PUBLIC_KEY);
        // Only the service that issues tokens holds the private key.
        if (service.equals("monolith") || service.equals("sso")) {
            secrets.put(StackSecrets.TOKEN_PRIVATE_KEY, "keys/" + StackSecrets.TOKEN_PRIVATE_KEY);
        }
        return secrets;
    }
}
