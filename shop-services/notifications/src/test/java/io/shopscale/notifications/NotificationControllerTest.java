package io.shopscale.notifications;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.shopscale.kit.client.InternalPaths;
import io.shopscale.kit.security.InternalCredential;
import io.shopscale.kit.security.TokenKeys;
import io.shopscale.kit.security.TokenSettings;
import io.shopscale.kit.testing.ShopKitWebSlice;
import io.shopscale.kit.web.ShopProblem;

/** Notifications' web layer: events only from the stack's services, a shopper's own notifications with a token. */
@WebMvcTest(controllers = NotificationController.class,
        properties = "shop.internal.token=" + NotificationControllerTest.CREDENTIAL)
@Import(ShopKitWebSlice.class)
class NotificationControllerTest {

    static final String CREDENTIAL = "stack-internal-secret";
    private static final UUID SHOPPER = UUID.randomUUID();
    private static final String EVENT = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"orderId\":7,\"userId\":\""
            + SHOPPER + "\",\"totalCents\":1250,\"itemCount\":1,\"placedAt\":\"2026-12-01T10:00:00Z\"}";

    @Autowired
    private MockMvc mvc;
    @Autowired
    private TokenKeys keys;
    @Autowired
    private TokenSettings settings;

    @MockitoBean
    private NotificationInbox inbox;

    @Test
    void anEventFromTheStacksOwnServicesIsTakenAndOneFromAnyoneElseIsRefused() throws Exception {
        mvc.perform(post(InternalPaths.NOTIFICATIONS_EVENTS).header(InternalCredential.HEADER, CREDENTIAL)
                        .contentType(MediaType.APPLICATION_JSON).content(EVENT))
                .andExpect(status().isNoContent());
        verify(inbox).deliver(any());

        org.mockito.Mockito.clearInvocations(inbox);
        mvc.perform(post(InternalPaths.NOTIFICATIONS_EVENTS).contentType(MediaType.APPLICATION_JSON).content(EVENT))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(inbox, never()).deliver(any());
    }

    @Test
    void anEventThatCannotBecomeANotificationIsA400SoTheSenderSetsItAside() throws Exception {
        doThrow(ShopProblem.badRequest("An order event needs an eventId")).when(inbox).deliver(any());

        mvc.perform(post(InternalPaths.NOTIFICATIONS_EVENTS).header(InternalCredential.HEADER, CREDENTIAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"orderId\":7}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post(InternalPaths.NOTIFICATIONS_EVENTS).header(InternalCredential.HEADER, CREDENTIAL)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"eventId\":\"not-a-uuid\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void aShopperReadsTheirNotificationsWithATokenOnly() throws Exception {
        when(inbox.forUser(SHOPPER, 100)).thenReturn(List.of(new Notification(1, 7, "Your order #7 was placed",
                Instant.parse("2026-12-01T10:00:00Z"))));

        mvc.perform(get("/api/notifications").header("Authorization",
                        ShopKitWebSlice.bearerToken(keys, settings, SHOPPER)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].orderId").value(7));
        mvc.perform(get("/api/notifications"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }
}
