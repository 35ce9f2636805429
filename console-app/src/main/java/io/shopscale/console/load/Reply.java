package io.shopscale.console.load;

/**
 * The parts of a response the generator uses.
 *
 * @param replica    the {@code X-Served-By} header, cleaned; null when absent
 * @param body       null unless the request kept it or the status is an error
 * @param retryAfter whether the response carried {@code Retry-After}: a 503 with it was turned away by a shop at
 *                   capacity (see {@link ErrorKind#SHED})
 */
record Reply(int status, String replica, String body, boolean retryAfter) {

    Reply(int status, String replica, String body) {
        this(status, replica, body, false);
    }

    boolean isError() {
        return status >= 400;
    }
}
