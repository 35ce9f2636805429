package io.shopscale.kit.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.shopscale.kit.security.InternalCredential;

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

    /** A client for {@code service} at {@code baseUrl} that sends the stack's internal credential. */
    public ServiceClient client(String service, String baseUrl, InternalCredential credential) {
        return new ServiceClient(service, baseUrl, credential, connectTimeout, readTimeout);
    }
}
