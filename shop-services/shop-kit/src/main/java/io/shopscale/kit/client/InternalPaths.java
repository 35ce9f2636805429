package io.shopscale.kit.client;

/**
 * The service-to-service endpoints. They live under {@code /internal}: the public entry point never routes it, and
 * every replica refuses a call that lacks the stack's internal credential
 * ({@link io.shopscale.kit.security.InternalCredential}), which {@link ServiceClient} sends.
 */
public final class InternalPaths {

    public static final String CATALOG_RESERVATIONS = "/internal/catalog/reservations";
    public static final String CATALOG_RELEASES = "/internal/catalog/reservations/release";
    public static final String PAYMENTS_CHARGES = "/internal/payments/charges";
    public static final String PAYMENTS_SIMULATION = "/internal/payments/simulation";
    public static final String NOTIFICATIONS_EVENTS = "/internal/notifications/events";

    private InternalPaths() {
    }
}
