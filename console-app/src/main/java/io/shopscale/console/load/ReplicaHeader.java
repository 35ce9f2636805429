package io.shopscale.console.load;

/** The {@code X-Served-By} header every shop response carries: which replica answered. */
final class ReplicaHeader {

    static final String NAME = "X-Served-By";
    private static final int MAX_LENGTH = 64;

    private ReplicaHeader() {
    }

    /** The value comes from the network and ends up in terminals and charts: short and printable only. */
    static String clean(String value) {
        String name = value.strip();
        if (name.isEmpty()) {
            return null;
        }
        if (name.length() > MAX_LENGTH) {
            name = name.substring(0, MAX_LENGTH);
        }
        return name.replaceAll("[^\\p{Graph}]", "?");
    }
}
