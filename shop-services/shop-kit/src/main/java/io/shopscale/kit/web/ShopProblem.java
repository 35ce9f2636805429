package io.shopscale.kit.web;

import org.springframework.http.HttpStatus;

/**
 * A failure the caller should see as an RFC 9457 problem detail. Modules throw it; the kit's advice renders it.
 * The same exception crosses module boundaries in the monolith and is rebuilt from the problem body by the HTTP
 * clients in the services topology, so both answer alike.
 */
public class ShopProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    public ShopProblem(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public static ShopProblem badRequest(String detail) {
        return new ShopProblem(HttpStatus.BAD_REQUEST, "Bad request", detail);
    }

    public static ShopProblem notFound(String detail) {
        return new ShopProblem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public static ShopProblem conflict(String detail) {
        return new ShopProblem(HttpStatus.CONFLICT, "Conflict", detail);
    }

    public static ShopProblem unprocessable(String detail) {
        return new ShopProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unprocessable request", detail);
    }

    public static ShopProblem unavailable(String detail) {
        return new ShopProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
