package io.shopscale.kit.client;

import java.util.List;

import io.shopscale.kit.api.CatalogApi;

/** The catalog, over HTTP, for services that do not run the catalog module themselves. */
public final class HttpCatalogApi implements CatalogApi {

    private final ServiceClient client;

    public HttpCatalogApi(ServiceClient client) {
        this.client = client;
    }

    @Override
    public Reservation reserve(String key, List<Line> lines) {
        return client.post(InternalPaths.CATALOG_RESERVATIONS, new ReservationRequest(key, lines), Reservation.class);
    }

    @Override
    public void release(String key) {
        client.post(InternalPaths.CATALOG_RELEASES, new ReleaseRequest(key), Void.class);
    }

    public record ReservationRequest(String key, List<Line> lines) {
    }

    public record ReleaseRequest(String key) {
    }
}
