package io.shopscale.orders;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.shopscale.kit.db.ModuleSchema;

/** Orders as a feature module: its schema, its outbox relay's schedule and its API description. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class OrdersModule {

    @Bean
    ModuleSchema ordersSchema() {
        return new ModuleSchema("orders");
    }

    @Bean
    GroupedOpenApi ordersOpenApi() {
        return GroupedOpenApi.builder().group("orders").pathsToMatch("/api/orders/**", "/api/orders").build();
    }
}
