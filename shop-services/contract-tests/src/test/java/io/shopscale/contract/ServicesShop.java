package io.shopscale.contract;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import io.shopscale.catalog.CatalogApplication;
import io.shopscale.kit.testing.SharedPostgres;
import io.shopscale.notifications.NotificationsApplication;
import io.shopscale.orders.OrdersApplication;
import io.shopscale.payments.PaymentsApplication;
import io.shopscale.sso.SsoApplication;

/**
 * The five services, each its own application with its own port, wired over HTTP. Requests are routed by path
 * prefix the way the gateway routes them; only sso holds the signing key.
 */
final class ServicesShop implements RunningShop {

    private final Map<String, String> database;
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final Map<String, String> routes = new LinkedHashMap<>();

    ServicesShop() {
        database = SharedPostgres.springProperties("contract_services");
        var keys = ShopApplications.KeyDirs.create();
        String payments = start(PaymentsApplication.class, "payments", keys.verifying(), Map.of());
        String catalog = start(CatalogApplication.class, "catalog", keys.verifying(), Map.of());
        String notifications = start(NotificationsApplication.class, "notifications", keys.verifying(), Map.of());
        String sso = start(SsoApplication.class, "sso", keys.signing(), Map.of());
        String orders = start(OrdersApplication.class, "orders", keys.verifying(), Map.of(
                "shop.services.catalog-url", catalog,
                "shop.services.payments-url", payments,
                "shop.services.notifications-url", notifications));
        routes.put("/api/sso", sso);
        routes.put("/api/catalog", catalog);
        routes.put("/internal/catalog", catalog);
        routes.put("/api/orders", orders);
        routes.put("/api/notifications", notifications);
        routes.put("/internal/payments", payments);
        routes.put("/v3/api-docs/sso", sso);
        routes.put("/v3/api-docs/catalog", catalog);
        routes.put("/v3/api-docs/orders", orders);
        routes.put("/v3/api-docs/payments", payments);
        routes.put("/v3/api-docs/notifications", notifications);
        routes.put("/actuator", orders);
        routes.put("/", catalog);
    }

    private String start(Class<?> application, String name, java.nio.file.Path keyDir, Map<String, String> extra) {
        ConfigurableApplicationContext context = ShopApplications.start(application, name, keyDir, database, extra);
        contexts.add(context);
        return ShopApplications.baseUrl(context);
    }

    @Override
    public URI uri(String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        for (var route : routes.entrySet()) {
            if (path.startsWith(route.getKey())) {
                return URI.create(route.getValue() + pathAndQuery);
            }
        }
        throw new IllegalArgumentException("No service serves " + pathAndQuery);
    }

    @Override
    public String internalToken() {
        return ShopApplications.INTERNAL_TOKEN;
    }

    @Override
    public Map<String, String> database() {
        return database;
    }

    @Override
    public void close() {
        contexts.forEach(ConfigurableApplicationContext::close);
    }
}
