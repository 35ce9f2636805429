package io.shopscale.contract;

import java.net.URI;
import java.util.Map;

/** A shop the contract suite talks to over HTTP, in either topology. */
interface RunningShop extends AutoCloseable {

    /** Where a request for {@code pathAndQuery} goes, as the public entry point would route it. */
    URI uri(String pathAndQuery);

    /** The internal credential the shop's services hold, for calls to {@code /internal} paths. */
    String internalToken();

    /** The database, in Spring's property names, so tests can check what was written. */
    Map<String, String> database();

    @Override
    void close();
}
