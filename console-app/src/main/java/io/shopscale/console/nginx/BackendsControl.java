package io.shopscale.console.nginx;

import io.shopscale.console.nginx.ContainerShell.ExecResult;
import io.shopscale.console.nginx.NginxApplyException.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sets and reads the backends of nginx's Lua balancer through its control endpoint, which listens only on the nginx
 * container's loopback: each call is one {@code curl} run inside the container. Setting them changes where requests
 * go at once, with no reload, so no client connection is closed.
 */
public final class BackendsControl {

    /** The control endpoint's port, on 127.0.0.1 inside the nginx container (ingress-nginx uses the same). */
    public static final int PORT = 10246;
    static final String URL = "http://127.0.0.1:" + PORT + "/backends";
    /**
     * Where the backends that nginx routes to are kept, as the control endpoint answered them, so that a restarted
     * nginx starts with the same backends and the same join times.
     */
    public static final String FILE = "/etc/nginx/backends";
    /** How long a replica that joins takes to reach its full share of its pool's requests. */
    public static final Duration SLOW_START = Duration.ofSeconds(25);

    /**
     * POSTs the text given as {@code $1} and, once nginx took it, keeps its answer as {@link #FILE} (written beside
     * and renamed, so a restart never reads half a file). curl retries while nginx is still starting.
     */
    static final String SET = "curl -sS --fail-with-body --retry 10 --retry-connrefused --retry-delay 1 --max-time 5 "
            + "--data-binary \"$1\" -o " + FILE + ".next " + URL + " && mv -f " + FILE + ".next " + FILE
            + " || { cat " + FILE + ".next 2>/dev/null; exit 1; }";
    static final List<String> READ = List.of("curl", "-sS", "--fail-with-body", "--max-time", "3", URL);

    private final ContainerShell nginx;

    public BackendsControl(ContainerShell nginx) {
        if (nginx == null) {
            throw new IllegalArgumentException("the nginx container's shell is missing");
        }
        this.nginx = nginx;
    }

    /**
     * Replaces the backends of every pool with these, and the limit of requests in flight per replica, with no
     * reload. A replica that stays in its pool keeps its join time; one that is new starts its slow start now.
     *
     * @param upstreams          the replicas per pool; a pool with an empty list (or left out) gets no backend
     * @param replicaConcurrency requests in flight per replica at most (0: no limit); see
     *                           {@code Limits#replicaConcurrency}
     * @return what nginx routes to now
     * @throws NginxApplyException ({@link Step#BACKENDS}) when nginx did not take them; it routes as before
     */
    public RoutingSnapshot set(Map<String, List<UpstreamServer>> upstreams, int replicaConcurrency) {
        ExecResult result = nginx.exec(List.of("sh", "-c", SET, "sh", BackendsText.of(upstreams,
                replicaConcurrency)));
        if (!result.succeeded()) {
            throw new NginxApplyException(Step.BACKENDS, "nginx did not take the new backends; it routes as before",
                    result.output());
        }
        return read();
    }

    /**
     * What nginx's balancer routes to now.
     *
     * @throws NginxUnreachableException when the control endpoint does not answer, or answers what is not backends
     *                                   (e.g. an nginx from before the Lua balancer)
     */
    public RoutingSnapshot read() {
        ExecResult result;
        try {
            result = nginx.exec(READ);
        } catch (RuntimeException e) {
            throw new NginxUnreachableException("the nginx container does not answer: " + e.getMessage(), e);
        }
        if (!result.succeeded()) {
            throw new NginxUnreachableException("nginx's control endpoint did not answer (exit code "
                    + result.exitCode() + "): " + result.output().strip(), null);
        }
        try {
            return BackendsText.parse(result.output());
        } catch (ConfigValueException e) {
            throw new NginxUnreachableException(e.getMessage(), e);
        }
    }
}
