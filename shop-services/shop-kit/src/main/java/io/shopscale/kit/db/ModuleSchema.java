package io.shopscale.kit.db;

import java.util.regex.Pattern;

/**
 * A feature module's own PostgreSQL schema, migrated from {@code classpath:db/<name>}. The layout is the same in
 * every topology, so switching between the monolith and the services keeps the data.
 */
public record ModuleSchema(String name) {

    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    public ModuleSchema {
        if (!VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a schema name: " + name);
        }
    }

    String migrations() {
        return "classpath:db/" + name;
    }
}
