package io.shopscale.orders;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.shopscale.kit.security.TokenKeys;
import io.shopscale.kit.security.TokenSettings;
import io.shopscale.kit.testing.ShopKitWebSlice;
import io.shopscale.kit.web.ShopProblem;

/** Orders' web layer: a token and an Idempotency-Key are required, replays say so, problems are problem details. */
@WebMvcTest(OrderController.class)
@Import(ShopKitWebSlice.class)
class OrderControllerTest {

    private static final UUID SHOPPER = UUID.randomUUID();
    private static final String ORDER = "{\"items\":[{\"productId\":7,\"quantity\":2}]}";
    private static final Order PLACED = new Order(41, "PLACED", 2500,
            List.of(new Order.OrderLine(7, "Book 7", 2, 1250)), "pay-1", Instant.parse("2026-12-01T10:00:00Z"));

    @Autowired
    private MockMvc mvc;
    @Autowired
    private TokenKeys keys;
    @Autowired
    private TokenSettings settings;

    @MockitoBean
    private OrderPlacement placement;
    @MockitoBean
    private OrderRepository orders;

    @Test
    void aReplayedOrderAnswersWithTheFirstOrderAndSaysSo() throws Exception {
        when(placement.place(eq(SHOPPER), eq("key-1"), any())).thenReturn(new OrderPlacement.Placed(PLACED, true));

        mvc.perform(post("/api/orders").header("Authorization", token()).header("Idempotency-Key", "key-1")
                        .contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/orders/41"))
                .andExpect(header().string("Idempotent-Replayed", "true"))
                .andExpect(jsonPath("$.id").value(41));
    }

    @Test
    void withoutAnIdempotencyKeyOrATokenNothingIsPlaced() throws Exception {
        mvc.perform(post("/api/orders").header("Authorization", token())
                        .contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/orders").header("Idempotency-Key", "key-2")
                        .contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        verify(placement, never()).place(any(), any(), any());
    }

    @Test
    void anOrderStillBeingPlacedElsewhereIsAConflictThatSaysToRetry() throws Exception {
        when(placement.place(eq(SHOPPER), eq("key-3"), any()))
                .thenThrow(ShopProblem.conflict("An order with this Idempotency-Key is still being placed. "
                        + "Retry in a few seconds with the same key."));

        mvc.perform(post("/api/orders").header("Authorization", token()).header("Idempotency-Key", "key-3")
                        .contentType(MediaType.APPLICATION_JSON).content(ORDER))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("Retry")));
    }

    @Test
    void anotherShoppersOrderIsNotFound() throws Exception {
        when(orders.find(SHOPPER, 99)).thenReturn(Optional.empty());

        mvc.perform(get("/api/orders/99").header("Authorization", token()))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private String token() {
        return ShopKitWebSlice.bearerToken(keys, settings, SHOPPER);
    }
}
