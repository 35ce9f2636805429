package io.shopscale.catalog;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.shopscale.kit.db.ModuleSchema;

/** The catalog as a feature module: its schema and its API description. */
@Configuration(proxyBeanMethods = false)
public class CatalogModule {

    @Bean
    ModuleSchema catalogSchema() {
        return new ModuleSchema("catalog");
    }

    @Bean
    GroupedOpenApi catalogOpenApi() {
        return GroupedOpenApi.builder().group("catalog")
                .pathsToMatch("/api/catalog/**", "/internal/catalog/**").build();
    }
}
