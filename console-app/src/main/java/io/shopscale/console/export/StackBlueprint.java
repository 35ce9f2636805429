package io.shopscale.console.export;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything an export needs to know about a stack, as plain values: what the user asked of it, how its containers
 * are specified, the rendered proxy configs, and which secret files it has. Exports read nothing else.
 *
 * @param stack              the stack's name, e.g. {@code shop}
 * @param mode               {@code monolith} or {@code services}
 * @param publishPort        the host port the storefront is published on
 * @param apps               the scaled tiers, in the mode's order
 * @param database           PostgreSQL
 * @param haproxyImage       HAProxy's image
 * @param nginxImage         nginx's image
 * @param swarmNginxConfig   nginx's config for compose and Swarm (replicas by Docker DNS)
 * @param clusterNginxConfig nginx's config for Kubernetes (replicas behind Services)
 * @param haproxyConfig      HAProxy's config (PostgreSQL by DNS name)
 * @param secretFiles        secret name to the file holding it, iterating by name
 */
public record StackBlueprint(String stack, String mode, int publishPort, List<AppTier> apps, Database database,
        String haproxyImage, String nginxImage, String swarmNginxConfig, String clusterNginxConfig,
        String haproxyConfig, Map<String, Path> secretFiles) {

    /** Where the shop's static files live in nginx and in the replicas that copy them there. */
    public static final String STATIC_FILES = "/srv/static";

    /**
     * @param name            the database, e.g. {@code shop}
     * @param user            its owner
     * @param passwordSecret  the secret holding the owner's password
     * @param dataPath        where PostgreSQL keeps its data in the container
     * @param healthCheck     the command that checks it answers
     */
    public record Database(String image, String name, String user, String passwordSecret, String dataPath,
            List<String> healthCheck) {

        public Database {
            healthCheck = List.copyOf(healthCheck);
        }
    }

    public StackBlueprint {
        apps = List.copyOf(apps);
        secretFiles = Collections.unmodifiableSortedMap(new TreeMap<>(secretFiles));
        for (AppTier app : apps) {
            for (String secret : app.secrets().keySet()) {
                if (!secretFiles.containsKey(secret)) {
                    throw new IllegalArgumentException(app.name() + " needs the secret " + secret
                            + ", which the stack has no file for");
                }
            }
        }
        if (!secretFiles.containsKey(database.passwordSecret())) {
            throw new IllegalArgumentException("the database needs the secret " + database.passwordSecret()
                    + ", which the stack has no file for");
        }
    }
}
