package io.shopscale.kit.db;

import java.util.List;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Migrates the schema of every module in this process, each with its own history table. Replicas that start
 * together are safe: Flyway serialises them with a PostgreSQL advisory lock.
 */
@Component
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
}
