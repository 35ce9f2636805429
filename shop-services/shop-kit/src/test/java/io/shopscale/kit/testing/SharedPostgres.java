package io.shopscale.kit.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * One real PostgreSQL per test JVM, shared by every test class in it (starting one per class would cost seconds
 * each). Uses the official {@code postgres:15} image when the machine has it, otherwise the image built from
 * Debian's packages by {@code bin/base-images}. Containers carry the test label, so {@code bin/test} can remove
 * any that a killed run left behind.
 */
public final class SharedPostgres {

    public static final String TEST_LABEL = "io.shopscale.test";

    private static final String OFFICIAL_IMAGE = "postgres:15";
    private static final String LOCAL_IMAGE = "shopscale/postgres:15";

    private static PostgreSQLContainer<?> container;

    private SharedPostgres() {
    }

    public static synchronized PostgreSQLContainer<?> get() {
        if (container == null) {
            PostgreSQLContainer<?> postgres = new PostgreSQLContainer<>(
                    DockerImageName.parse(image()).asCompatibleSubstituteFor("postgres"))
                    .withDatabaseName("shop")
                    .withUsername("shop")
                    .withPassword("shop-test-password")
                    .withLabels(Map.of(TEST_LABEL, "true"))
                    .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
            postgres.start();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::stop, "stop-shared-postgres"));
            container = postgres;
        }
        return container;
    }

    /** The settings, in Spring's property names, of the database {@code name}, created when missing. */
    public static synchronized Map<String, String> springProperties(String name) {
        PostgreSQLContainer<?> postgres = get();
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(),
                postgres.getPassword());
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        String url = postgres.getJdbcUrl().replaceFirst("/shop(\\?|$)", "/" + name + "$1");
        return Map.of(
                "spring.datasource.url", url,
                "spring.datasource.username", postgres.getUsername(),
                "spring.datasource.password", postgres.getPassword());
    }

    private static String image() {
        String configured = System.getenv("SHOP_POSTGRES_IMAGE");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        var images = DockerClientFactory.instance().client().listImagesCmd()
                .withImageNameFilter(OFFICIAL_IMAGE).exec();
        return images.isEmpty() ? LOCAL_IMAGE : OFFICIAL_IMAGE;
    }
}
