package io.shopscale.console.plan;

/**
 * The Docker labels on everything a stack creates. They are the source of truth: a restarted console rebuilds its
 * {@link ObservedStack} from them, so no local database is needed.
 */
public final class Labels {

    public static final String STACK = "io.shopscale.stack";
    public static final String SERVICE = "io.shopscale.service";
    public static final String REPLICA = "io.shopscale.replica";
    public static final String ROLE = "io.shopscale.role";
    public static final String CONFIG_HASH = "io.shopscale.config-hash";

    /** Values of {@link #ROLE}. */
    public static final String ROLE_APP = "app";
    public static final String ROLE_NGINX = "nginx";
    public static final String ROLE_HAPROXY = "haproxy";
    public static final String ROLE_POSTGRES = "postgres";
    /** A container that is never started: its labels record what the user asked of the stack. */
    public static final String ROLE_WISH = "wish";

    /** On a wish: which one is newest. */
    public static final String GENERATION = "io.shopscale.generation";

    private Labels() {
    }
}
