package io.shopscale.kit.web;

import org.springframework.http.HttpStatus;

/**
 * Another module could not do what was asked. {@code outcomeUnknown} tells the caller whether the other side may
 * still have done it (the request was sent, the answer was lost), which decides whether to undo or to retry.
 */
public class DependencyUnavailable extends ShopProblem {

    private final boolean outcomeUnknown;

    public DependencyUnavailable(String detail, boolean outcomeUnknown) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
        this.outcomeUnknown = outcomeUnknown;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
