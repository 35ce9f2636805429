package io.shopscale.kit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Migrates the schema of every module in this process, each with its own history table. Replicas that start
 * together are safe: Flyway serialises them with a PostgreSQL advisory lock.
 *
 * <p>Migrations run once per stack, not once per replica: a replica whose schemas already hold every migration it
 * carries (the history table lists each version, applied successfully) does not start Flyway at all, which saves
 * about a second of a replica's start at 1 CPU. With {@code shop.migrations.on-start} false the process leaves the
 * schema alone (the image's training run is made that way, with no database).
 */
@Component
@ConditionalOnProperty(name = "shop.migrations.on-start", havingValue = "true", matchIfMissing = true)
public class ModuleMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ModuleMigrations.class);

    private final DataSource dataSource;
    private final List<ModuleSchema> schemas;

    ModuleMigrations(DataSource dataSource, List<ModuleSchema> schemas) {
        this.dataSource = dataSource;
        this.schemas = schemas;
    }

    @Override
    public void afterPropertiesSet() {
        for (ModuleSchema schema : schemas) {
            Set<String> carried = carriedVersions(schema);
            if (!carried.isEmpty() && appliedVersions(schema).containsAll(carried)) {
                log.info("Schema {} already holds its {} migrations: nothing to migrate", schema.name(),
                        carried.size());
                continue;
            }
            var result = Flyway.configure()
                    .dataSource(dataSource)
                    .schemas(schema.name())
                    .defaultSchema(schema.name())
                    .locations(schema.migrations())
                    .table("flyway_schema_history")
                    .load()
                    .migrate();
            log.info("Schema {} is at version {} ({} migrations applied now)", schema.name(),
                    result.targetSchemaVersion, result.migrationsExecuted);
        }
    }

    /**
     * The versions of the migrations on the class path, as Flyway writes them in its history: {@code V2__seed.sql}
     * is version {@code 2}, {@code V1_1__fix.sql} version {@code 1.1}.
     */
    static Set<String> carriedVersions(ModuleSchema schema) {
        try {
            Resource[] files = new PathMatchingResourcePatternResolver()
                    .getResources(schema.migrations().replace("classpath:", "classpath*:") + "/V*__*.sql");
            Set<String> versions = new TreeSet<>();
            for (Resource file : files) {
                versions.add(versionOf(file.getFilename()));
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String versionOf(String fileName) {
        return fileName.substring(1, fileName.indexOf("__")).replace('_', '.');
    }

    /** The versions Flyway applied successfully; none when the schema or its history table does not exist yet. */
    private Set<String> appliedVersions(ModuleSchema schema) {
        Set<String> versions = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select version from " + schema.name()
                        + ".flyway_schema_history where success and version is not null")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        } catch (SQLException noHistoryYet) {
            return Set.of();
        }
        return versions;
    }
}
