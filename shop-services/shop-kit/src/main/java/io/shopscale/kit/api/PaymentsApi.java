package io.shopscale.kit.api;

import java.util.UUID;

/** What other modules may ask of the payment provider. */
public interface PaymentsApi {

    /**
     * Charges once per key: a repeated call with the same key returns the first payment and charges nothing more.
     *
     * @throws io.shopscale.kit.web.ShopProblem 503 when the provider fails (nothing was charged), 409 when the key
     *         was used for another amount or payer
     */
    Payment charge(Charge charge);

    record Charge(String key, UUID payerId, long amountCents) {
    }

    record Payment(String id, String key, long amountCents, String status) {
    }
}
