package io.shopscale.console.load;

/**
 * The parts of a response the generator uses.
 *
 * @param replica the {@code X-Served-By} header, cleaned; null when absent
 * @param body    null unless the request kept it or the status is an error
 */
record Reply(int status, String replica, String body) {

    boolean isError() {
        return status >= 400;
    }
}
