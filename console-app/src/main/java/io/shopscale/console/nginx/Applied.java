package io.shopscale.console.nginx;

/**
 * The outcome of {@link NginxConfigurator#apply}: either nothing to do, or nginx reloaded with the changes in
 * {@code diff}.
 *
 * @param reloaded whether the config changed and nginx was reloaded with it
 * @param diff     from the config that ran before to the one that runs now; {@link ConfigDiff#NONE} if unchanged
 */
public record Applied(boolean reloaded, ConfigDiff diff) {

    public static final Applied UNCHANGED = new Applied(false, ConfigDiff.NONE);

    public Applied {
        if (diff == null) {
            throw new IllegalArgumentException("diff is missing; use ConfigDiff.NONE");
        }
    }
}
