package io.shopscale.console.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.shopscale.console.docker.ContainerSpec;
import io.shopscale.console.docker.StackAddresses;
import io.shopscale.console.plan.ContainerRef;
import io.shopscale.console.plan.Labels;
import io.shopscale.console.plan.ResourceNames;
import io.shopscale.console.topology.StackName;

/**
 * What each container of a stack looks like: images, addresses, environment, secrets as files, limits, health
 * checks and labels. Pure: the same inputs give the same specs, and app specs carry a hash of everything that
 * defines them, so the planner replaces replicas whose definition changed.
 */
final class ContainerSpecs {

    static final String DATABASE = "shop";
    static final String DATABASE_USER = "shop";
    static final int APP_PORT = 8080;
    static final int INTERNAL_GATEWAY_PORT = 8082;
    static final String SECRETS = "/run/secrets/";
    /**
     * C1 only and the serial collector: starts fast and keeps the JVM's own memory small. The heap's size is set per
     * stack from its memory limit ({@link #heapMb}). The class data archive is mapped where it was written
     * ({@code ArchiveRelocationMode=0}; this JDK's default relocates it, which writes to, and so copies, every page
     * of it): measured by the process's anonymous memory, 97 MiB against 125 MiB once started. A replica that runs
     * out of heap exits, so Docker reports it and the engine replaces it.
     */
    static final String JAVA_OPTIONS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss256k "
            + "-XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=100m -XX:+ExitOnOutOfMemoryError "
            + "-XX:+UnlockDiagnosticVMOptions -XX:ArchiveRelocationMode=0";
    /**
     * What a replica needs besides its heap, in MiB, measured with the JVM's native memory tracking at 300 requests/s
     * of the default mix: about 85 MiB of anonymous memory (class data archive 23, code cache 20, metaspace and
     * symbols 19, 80 threads' stacks 11, malloc about 10), and about 15 MiB for the pages of the JVM and of the
     * archive that it keeps reading.
     */
    static final int NON_HEAP_MB = 100;
    /** The smallest heap the shop serves with: its live set after start-up is about 25 MiB. */
    static final int MIN_HEAP_MB = 32;

    private final StackName stack;
    private final StackSettings settings;
    private final StackAddresses addresses;
    private final StackSecrets secrets;
    private final Images images;

    /** The images of a stack: base images by role, and the app image of each service. */
    record Images(String postgres, String haproxy, String nginx, Map<String, String> apps) {
    }

    ContainerSpecs(StackName stack, StackSettings settings, StackAddresses addresses, StackSecrets secrets,
            Images images) {
        this.stack = stack;
        this.settings = settings;
        this.addresses = addresses;
        this.secrets = secrets;
        this.images = images;
    }

    /**
     * The hash app replicas are labelled with: of everything that defines them (images, environment, limits), so
     * the planner replaces replicas whose definition changed.
     */
    String appConfigHash(List<String> services) {
        Map<String, String> defining = new TreeMap<>();
        for (String service : services) {
            ContainerSpec spec = app(ContainerRef.app(stack, service, 1), "");
            spec.environment().forEach((key, value) -> defining.put(service + ".env." + key, value));
            defining.put(service + ".image", spec.image());
            defining.put(service + ".cpus", Double.toString(spec.cpus()));
            defining.put(service + ".memory", Long.toString(spec.memoryBytes()));
            spec.files().keySet().forEach(path -> defining.put(service + ".file:" + path, ""));
        }
        return sha256(defining.toString()).substring(0, 16);
    }

    /**
     * PostgreSQL with its slow spots logged: a statement that waits longer than {@code deadlock_timeout} (1 s) for a
     * lock says so, with the process it waits for, and one that runs longer than a second is logged with its
     * duration. A replica whose pooled connections are all busy is often waiting on one of the two.
     */
    static final List<String> POSTGRES_COMMAND = List.of("postgres", "-c", "log_lock_waits=on", "-c",
            "log_min_duration_statement=1000");

    ContainerSpec postgres(ContainerRef container) {
        return new ContainerSpec(container.name(), images.postgres(), addresses.of(container), labels(container, ""),
                Map.of("POSTGRES_USER", DATABASE_USER, "POSTGRES_DB", DATABASE,
                        "POSTGRES_PASSWORD_FILE", SECRETS + StackSecrets.DATABASE_PASSWORD),
                POSTGRES_COMMAND, Map.of(ResourceNames.databaseVolume(stack), "/var/lib/postgresql/data"),
                Map.of(SECRETS + StackSecrets.DATABASE_PASSWORD, secrets.read(StackSecrets.DATABASE_PASSWORD)),
                Optional.empty(),
                Optional.of(postgresReadinessCheck()),
                0, 0);
    }

    ContainerSpec haproxy(ContainerRef container, String config) {
        return new ContainerSpec(container.name(), images.haproxy(), addresses.of(container), labels(container, ""),
                Map.of(), List.of(), Map.of(),
                Map.of("/usr/local/etc/haproxy/haproxy.cfg", config.getBytes(StandardCharsets.UTF_8)),
                Optional.empty(), Optional.empty(), 0, 0);
    }

    ContainerSpec nginx(ContainerRef container, String config) {
        return new ContainerSpec(container.name(), images.nginx(), addresses.of(container), labels(container, ""),
                Map.of(), List.of(), Map.of(ResourceNames.staticFilesVolume(stack), "/srv/static"),
                Map.of("/etc/nginx/nginx.conf", config.getBytes(StandardCharsets.UTF_8)),
                Optional.of(settings.publishPort()), Optional.empty(), 0, 0);
    }

    ContainerSpec app(ContainerRef container, String configHash) {
        String service = container.service();
        boolean ownUser = settings.mode().hasOwnDatabaseUsers();
        Map<String, String> environment = appEnvironment(service, addresses.of(haproxy()), addresses.of(nginx()),
                ownUser, settings.limits().memoryMb());
        Map<String, byte[]> files = new HashMap<>();
        files.put(SECRETS + "spring.datasource.password", ownUser ? secrets.serviceDatabasePassword(service)
                : secrets.read(StackSecrets.DATABASE_PASSWORD));
        files.put(SECRETS + "keys/" + StackSecrets.TOKEN_PUBLIC_KEY, secrets.read(StackSecrets.TOKEN_PUBLIC_KEY));
        // Read as the property shop.internal.token: sent on calls to /internal paths, required by them.
        files.put(SECRETS + "shop.internal.token", secrets.internalToken());
        // Only the service that issues tokens holds the private key.
        if (service.equals("monolith") || service.equals("sso")) {
            files.put(SECRETS + "keys/" + StackSecrets.TOKEN_PRIVATE_KEY, secrets.read(StackSecrets.TOKEN_PRIVATE_KEY));
        }
        return new ContainerSpec(container.name(), images.apps().get(service), addresses.of(container),
                labels(container, configHash), environment, List.of(),
                Map.of(ResourceNames.staticFilesVolume(stack), "/srv/static"), files, Optional.empty(),
                Optional.of(appReadinessCheck()),
                settings.limits().cpus(), settings.limits().memoryBytes());
    }

    /**
     * A replica's heap, MiB: what its memory limit leaves beside {@link #NON_HEAP_MB}, at most 40 % of the limit
     * (the serial collector grows the heap to its maximum under load, and the rest of the limit is the margin), at
     * least {@link #MIN_HEAP_MB}. The JVM's own sizing cannot do this: below about 250 MB it ignores
     * {@code MaxRAMPercentage} and takes half the limit (HotSpot's {@code Arguments::set_heap_size}: while
     * {@code MinRAMPercentage}, 50 %, of the limit is less than the default maximum heap of about 125 MB, that
     * share is the maximum).
     *
     * @param memoryMb the replica's memory limit, MiB
     */
    static int heapMb(int memoryMb) {
        return Math.max(MIN_HEAP_MB, Math.min(memoryMb * 2 / 5, memoryMb - NON_HEAP_MB));
    }

    /**
     * A replica's environment (no secrets in it).
     *
     * @param databaseHost where HAProxy answers: an address, or a name that resolves to it
     * @param gatewayHost  where nginx's internal listener answers: an address, or a name
     * @param ownUser      whether the service logs in as its own database user ({@link DatabaseUsers})
     * @param memoryMb     the replica's memory limit, MiB
     */
    static Map<String, String> appEnvironment(String service, String databaseHost, String gatewayHost,
            boolean ownUser, int memoryMb) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_DATASOURCE_URL", "jdbc:postgresql://" + databaseHost + ":5432/" + DATABASE);
        environment.put("SPRING_DATASOURCE_USERNAME", ownUser ? DatabaseUsers.userOf(service) : DATABASE_USER);
        environment.put("SHOP_SECURITY_KEY_DIR", SECRETS + "keys");
        environment.put("SHOP_STATIC_EXPORT_DIR", "/srv/static");
        environment.put("JAVA_TOOL_OPTIONS", JAVA_OPTIONS + " -Xmx" + heapMb(memoryMb) + "m");
        // glibc gives each busy thread its own malloc arena; two keep native memory small under load.
        environment.put("MALLOC_ARENA_MAX", "2");
        String gateway = "http://" + gatewayHost + ":" + INTERNAL_GATEWAY_PORT;
        if (service.equals("orders")) {
            environment.put("SHOP_SERVICES_CATALOG_URL", gateway);
            environment.put("SHOP_SERVICES_PAYMENTS_URL", gateway);
            environment.put("SHOP_SERVICES_NOTIFICATIONS_URL", gateway);
        }
        return environment;
    }

    /** The command that tells whether a replica is ready, run inside it. */
    static List<String> appReadinessCheck() {
        return List.of("curl", "-fsS", "-m", "4", "-o", "/dev/null",
                "http://127.0.0.1:" + APP_PORT + "/actuator/health/readiness");
    }

    /** The command that tells whether PostgreSQL answers, run inside its container. */
    static List<String> postgresReadinessCheck() {
        return List.of("pg_isready", "-q", "-h", "127.0.0.1", "-U", DATABASE_USER, "-d", DATABASE);
    }

    StackName stack() {
        return stack;
    }

    ContainerRef haproxy() {
        return ContainerRef.infrastructure(stack, Labels.ROLE_HAPROXY);
    }

    ContainerRef nginx() {
        return ContainerRef.infrastructure(stack, Labels.ROLE_NGINX);
    }

    ContainerRef postgres() {
        return ContainerRef.infrastructure(stack, Labels.ROLE_POSTGRES);
    }

    private Map<String, String> labels(ContainerRef container, String configHash) {
        Map<String, String> labels = new HashMap<>(settings.labels());
        labels.put(Labels.STACK, stack.value());
        labels.put(Labels.SERVICE, container.service());
        labels.put(Labels.REPLICA, Integer.toString(container.replica()));
        labels.put(Labels.ROLE, container.role());
        if (!configHash.isEmpty()) {
            labels.put(Labels.CONFIG_HASH, configHash);
        }
        return labels;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
