package io.shopscale.kit.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where a standalone service finds the others. In the services topology every URL points at the gateway's
 * internal listener, which balances across the replicas of each service.
 */
@ConfigurationProperties("shop.services")
public record ServiceEndpoints(
        @DefaultValue("http://localhost:8080") String catalogUrl,
        @DefaultValue("http://localhost:8080") String paymentsUrl,
        @DefaultValue("http://localhost:8080") String notificationsUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout) {

    public ServiceClient client(String service, String baseUrl) {
        return new ServiceClient(service, baseUrl, connectTimeout, readTimeout);
    }
}
