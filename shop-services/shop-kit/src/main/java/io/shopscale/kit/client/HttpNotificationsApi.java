package io.shopscale.kit.client;

import io.shopscale.kit.api.NotificationsApi;
import io.shopscale.kit.api.OrderPlaced;

/** The notifications inbox, over HTTP. */
public final class HttpNotificationsApi implements NotificationsApi {

    private final ServiceClient client;

    public HttpNotificationsApi(ServiceClient client) {
        this.client = client;
    }

    @Override
    public void deliver(OrderPlaced event) {
        client.post(InternalPaths.NOTIFICATIONS_EVENTS, event, Void.class);
    }
}
