package io.shopscale.notifications;

import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.shopscale.kit.db.ModuleSchema;

/** Notifications as a feature module: its schema and its API description. */
@Configuration(proxyBeanMethods = false)
public class NotificationsModule {

    @Bean
    ModuleSchema notificationsSchema() {
        return new ModuleSchema("notifications");
    }

    @Bean
    GroupedOpenApi notificationsOpenApi() {
        return GroupedOpenApi.builder().group("notifications")
                .pathsToMatch("/api/notifications/**", "/internal/notifications/**").build();
    }
}
