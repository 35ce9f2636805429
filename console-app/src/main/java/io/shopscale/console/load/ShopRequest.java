package io.shopscale.console.load;

/**
 * One HTTP request to the shop's public API, independent of the client that sends it.
 *
 * @param keepsBody whether the caller reads the body of a successful response; error bodies are always kept for
 *                  the log
 */
record ShopRequest(String method, String pathAndQuery, String jsonBody, String bearerToken, String idempotencyKey,
                   boolean keepsBody) {

    static ShopRequest get(String pathAndQuery) {
        return new ShopRequest("GET", pathAndQuery, null, null, null, false);
    }

    static ShopRequest post(String path, String jsonBody) {
        return new ShopRequest("POST", path, jsonBody, null, null, false);
    }

    ShopRequest withBearer(String token) {
        return new ShopRequest(method, pathAndQuery, jsonBody, token, idempotencyKey, keepsBody);
    }

    ShopRequest withIdempotencyKey(String key) {
        return new ShopRequest(method, pathAndQuery, jsonBody, bearerToken, key, keepsBody);
    }

    ShopRequest keepingBody() {
        return new ShopRequest(method, pathAndQuery, jsonBody, bearerToken, idempotencyKey, true);
    }

    /**
     * Whether the request may go out a second time after a connection failed under it: a GET reads only, and a POST
     * with an {@code Idempotency-Key} is applied once by the shop however often it arrives. Login and register carry
     * no key, so a second copy could do the work twice.
     */
    boolean mayBeResent() {
        return method.equals("GET") || idempotencyKey != null;
    }

    /** For logs: the method and path, never the token or the body. */
    String describe() {
        return method + " " + pathAndQuery;
    }
}
