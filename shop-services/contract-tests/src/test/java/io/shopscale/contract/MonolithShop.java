package io.shopscale.contract;

import java.net.URI;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import io.shopscale.kit.testing.SharedPostgres;
import io.shopscale.monolith.ShopMonolith;

/** The five modules in one process. */
final class MonolithShop implements RunningShop {

    private final Map<String, String> database;
    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    MonolithShop() {
        database = SharedPostgres.springProperties("contract_monolith");
        context = ShopApplications.start(ShopMonolith.class, "monolith", ShopApplications.KeyDirs.create().signing(),
                database, Map.of());
        baseUrl = ShopApplications.baseUrl(context);
    }

    @Override
    public URI uri(String pathAndQuery) {
        return URI.create(baseUrl + pathAndQuery);
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
        context.close();
    }
}
