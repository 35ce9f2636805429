package io.shopscale.kit.client;

import io.shopscale.kit.api.PaymentsApi;

/** The payment provider, over HTTP. */
public final class HttpPaymentsApi implements PaymentsApi {

    private final ServiceClient client;

    public HttpPaymentsApi(ServiceClient client) {
        this.client = client;
    }

    @Override
    public Payment charge(Charge charge) {
        return client.post(InternalPaths.PAYMENTS_CHARGES, charge, Payment.class);
    }
}
