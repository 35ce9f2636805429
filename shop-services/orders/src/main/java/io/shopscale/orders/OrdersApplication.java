package io.shopscale.orders;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import io.shopscale.kit.ShopKit;
import io.shopscale.kit.api.CatalogApi;
import io.shopscale.kit.api.NotificationsApi;
import io.shopscale.kit.api.PaymentsApi;
import io.shopscale.kit.client.HttpCatalogApi;
import io.shopscale.kit.client.HttpNotificationsApi;
import io.shopscale.kit.client.HttpPaymentsApi;
import io.shopscale.kit.client.ServiceEndpoints;
import io.shopscale.kit.security.InternalCredential;

/** Orders, booted alone as a service: the modules it needs are reached over HTTP. */
@SpringBootApplication(scanBasePackageClasses = {ShopKit.class, OrdersModule.class})
@EnableConfigurationProperties(ServiceEndpoints.class)
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(OrdersApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "orders"));
        application.run(args);
    }

    @Bean
    CatalogApi catalogApi(ServiceEndpoints endpoints, InternalCredential credential) {
        return new HttpCatalogApi(endpoints.client("catalog", endpoints.catalogUrl(), credential));
    }

    @Bean
    PaymentsApi paymentsApi(ServiceEndpoints endpoints, InternalCredential credential) {
        return new HttpPaymentsApi(endpoints.client("payments", endpoints.paymentsUrl(), credential));
    }

    @Bean
    NotificationsApi notificationsApi(ServiceEndpoints endpoints, InternalCredential credential) {
        return new HttpNotificationsApi(endpoints.client("notifications", endpoints.notificationsUrl(), credential));
    }
}
