package io.shopscale.notifications;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.shopscale.kit.api.OrderPlaced;
import io.shopscale.kit.client.InternalPaths;
import io.shopscale.kit.security.ShopUser;

@RestController
class NotificationController {

    private static final int LIMIT = 100;

    private final NotificationInbox inbox;

    NotificationController(NotificationInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping("/api/notifications")
    NotificationList mine() {
        return new NotificationList(inbox.forUser(ShopUser.current().id(), LIMIT));
    }

    @PostMapping(InternalPaths.NOTIFICATIONS_EVENTS)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void receive(@RequestBody OrderPlaced event) {
        inbox.deliver(event);
    }

    record NotificationList(List<Notification> items) {
    }
}
