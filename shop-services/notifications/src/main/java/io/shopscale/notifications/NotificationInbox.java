package io.shopscale.notifications;

import java.sql.Timestamp;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.shopscale.kit.api.NotificationsApi;
import io.shopscale.kit.api.OrderPlaced;
import io.shopscale.kit.web.ShopProblem;

/** Receives order events at least once and turns each into exactly one notification. */
@Service
class NotificationInbox implements NotificationsApi {

    private final JdbcClient jdbc;

    NotificationInbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores the event's notification unless the event was handled before.
     *
     * @throws ShopProblem 400 when the event lacks its id, shopper, order or time: such an event can never become a
     *         notification, and the sender should set it aside rather than try again
     */
    @Override
    public void deliver(OrderPlaced event) {
        if (event.eventId() == null || event.userId() == null || event.placedAt() == null || event.orderId() <= 0) {
            throw ShopProblem.badRequest("An order event needs an eventId, a userId, a positive orderId and a "
                    + "placedAt time; this one cannot become a notification.");
        }
        jdbc.sql("insert into notifications.notifications (event_id, user_id, order_id, message, created_at)"
                        + " values (:event, :user, :order, :message, :at) on conflict (event_id) do nothing")
                .param("event", event.eventId())
                .param("user", event.userId())
                .param("order", event.orderId())
                .param("message", message(event))
                .param("at", Timestamp.from(event.placedAt()))
                .update();
    }

    List<Notification> forUser(UUID userId, int limit) {
        return jdbc.sql("select id, order_id, message, created_at from notifications.notifications"
                        + " where user_id = :user order by id desc limit :limit")
                .param("user", userId)
                .param("limit", limit)
                .query(Notification.class)
                .list();
    }

    private static String message(OrderPlaced event) {
        NumberFormat euros = NumberFormat.getCurrencyInstance(Locale.GERMANY);
        return "Your order #" + event.orderId() + " of " + event.itemCount()
                + (event.itemCount() == 1 ? " item" : " items") + " was placed: "
                + euros.format(event.totalCents() / 100.0) + " charged.";
    }
}
