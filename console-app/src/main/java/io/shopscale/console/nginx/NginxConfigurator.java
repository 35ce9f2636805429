package io.shopscale.console.nginx;

import io.shopscale.console.nginx.ContainerShell.ExecResult;
import io.shopscale.console.nginx.NginxApplyException.Step;
import java.util.List;

/**
 * Puts a gateway model into service in one nginx container, the way ingress-nginx does. The replicas of each pool go
 * to the Lua balancer through {@link BackendsControl}, with no reload. The config's text, which holds only its shape,
 * is compared with the running text and, only if it differs, written beside the running file, checked with
 * {@code nginx -t}, moved over the running file and reloaded, and only then remembered as running. A config nginx
 * rejects never replaces the running one, and a reload that failed is tried again by the next apply, because the
 * remembered text is still the old one.
 *
 * <p>Use one configurator per nginx container: a recreated container starts from its own file, which the next
 * configurator reads. Calls are serialised, so two plan steps never interleave their writes.
 */
public final class NginxConfigurator {

    public static final String CONFIG_PATH = "/etc/nginx/nginx.conf";
    /**
     * In the same directory as {@link #CONFIG_PATH}, so the move is a rename within one file system: nginx never
     * sees a half-written file.
     */
    public static final String CANDIDATE_PATH = "/etc/nginx/nginx.conf.next";

    /**
     * Reloads nginx and returns once the workers of the old config have stopped taking connections. {@code nginx -s
     * reload} only signals the master, which then starts new workers and asks the old ones to finish; until they
     * do, a new connection may still meet the old config. A worker that is finishing renames itself "nginx: worker
     * process is shutting down" after closing its listening sockets, so the script waits (up to 5 s) until no
     * worker from before the reload still has the plain name. If they keep it, the master could not load the file
     * (nginx -t passed, so for reasons like a port in use) and kept the old workers, which the exit code reports.
     */
    static final List<String> RELOAD = List.of("sh", "-c", """
            serving() { for p in $1; do [ "$(tr -d '\\0' 2>/dev/null < /proc/$p/cmdline)" = 'nginx: worker process' ] \
                && echo "$p"; done; }
            old=$(serving "$(ls /proc | grep -E '^[0-9]+$')")
            nginx -s reload || exit $?
            for _ in $(seq 100); do
                [ -z "$(serving "$old")" ] && exit 0
                sleep 0.05
            done
            echo "nginx still runs the workers of its previous config 5 s after the reload; its log says why" >&2
            exit 1
            """);

    private final NginxConfigRenderer renderer;
    private final ContainerShell nginx;
    private final BackendsControl backends;
    /** The text nginx runs, as far as this configurator knows; {@code null} until first read or applied. */
    private String running;

    public NginxConfigurator(NginxConfigRenderer renderer, ContainerShell nginx) {
        if (renderer == null || nginx == null) {
            throw new IllegalArgumentException("a configurator needs a renderer and the nginx container's shell");
        }
        this.renderer = renderer;
        this.nginx = nginx;
        this.backends = new BackendsControl(nginx);
    }

    /**
     * Sets the model's replicas as the balancer's backends, then renders the model and reloads nginx with it if it
     * differs from the running config. Backends go first: a route that a reload points at a pool that just got its
     * first replica finds that replica there.
     *
     * @return {@link Applied#UNCHANGED} when the config's shape did not change (the backends may have), or what
     *         changed once nginx was reloaded with it
     * @throws NginxApplyException when nginx does not take the backends, rejects the config or cannot be reloaded
     */
    public synchronized Applied apply(GatewayModel model) {
        String config = renderer.render(model);
        backends.set(model.upstreams(), model.replicaConcurrency());
        // On the first call, the container's own file is what nginx loaded at start (or at the last reload).
        if (config.equals(runningConfig())) {
            return Applied.UNCHANGED;
        }
        nginx.writeFile(CANDIDATE_PATH, config);
        ExecResult test = nginx.exec(List.of("nginx", "-t", "-c", CANDIDATE_PATH));
        if (!test.succeeded()) {
            throw new NginxApplyException(Step.TEST, "nginx rejected the new config (kept in " + CANDIDATE_PATH
                    + " for inspection); it still runs the previous one", test.output());
        }
        ExecResult move = nginx.exec(List.of("mv", "-f", CANDIDATE_PATH, CONFIG_PATH));
        if (!move.succeeded()) {
            throw new NginxApplyException(Step.MOVE, "could not move the tested config over " + CONFIG_PATH
                    + "; nginx still runs the previous one", move.output());
        }
        ExecResult reload = nginx.exec(RELOAD);
        if (!reload.succeeded()) {
            throw new NginxApplyException(Step.RELOAD, "nginx did not reload; the new config is in " + CONFIG_PATH
                    + " but may not be loaded, and the next apply reloads again", reload.output());
        }
        ConfigDiff diff = ConfigDiff.between(running, config);
        running = config;
        return new Applied(true, diff);
    }

    /**
     * What nginx's balancer routes to now, read back from the running nginx.
     *
     * @throws NginxUnreachableException when nginx does not answer
     */
    public RoutingSnapshot routed() {
        return backends.read();
    }

    /** The config nginx runs: the one last applied, or else the container's own file. */
    public synchronized String runningConfig() {
        if (running == null) {
            running = nginx.readFile(CONFIG_PATH);
        }
        return running;
    }
}
