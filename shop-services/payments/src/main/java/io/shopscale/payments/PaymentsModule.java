package io.shopscale.payments;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.shopscale.kit.db.ModuleSchema;

/** The payment provider as a feature module: its schema and its API description. */
@Configuration(proxyBeanMethods = false)
public class PaymentsModule {

    @Bean
    ModuleSchema paymentsSchema() {
        return new ModuleSchema("payments");
    }

    @Bean
    GroupedOpenApi paymentsOpenApi() {
        return GroupedOpenApi.builder().group("payments").pathsToMatch("/internal/payments/**").build();
    }
}
