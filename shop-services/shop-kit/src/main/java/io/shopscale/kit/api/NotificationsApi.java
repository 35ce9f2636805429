package io.shopscale.kit.api;

/** Where order events are delivered. Delivery is at least once; the receiver handles each event once. */
public interface NotificationsApi {

    void deliver(OrderPlaced event);
}
