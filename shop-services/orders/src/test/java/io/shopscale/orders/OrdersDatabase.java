package io.shopscale.orders;

import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.shopscale.kit.testing.SharedPostgres;

/** The orders schema, migrated, in its own database of the shared test PostgreSQL. */
record OrdersDatabase(DataSource dataSource, JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper json) {

    static OrdersDatabase create(String name) {
        Map<String, String> settings = SharedPostgres.springProperties(name);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(settings.get("spring.datasource.url"),
                settings.get("spring.datasource.username"), settings.get("spring.datasource.password"));
        Flyway.configure().dataSource(dataSource).schemas("orders").defaultSchema("orders")
                .locations("classpath:db/orders").table("flyway_schema_history").load().migrate();
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return new OrdersDatabase(dataSource, JdbcClient.create(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), json);
    }

    long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
