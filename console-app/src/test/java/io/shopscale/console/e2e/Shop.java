package io.shopscale.console.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;

import io.shopscale.console.cli.ShopCtl;
import io.shopscale.console.plan.Labels;

/** Drives shopctl and the shop's HTTP API the way a user does, for the end-to-end tests. */
public final class Shop {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Run(int exitCode, String output) {
    }

    static Run shopctl(String... args) {
        StringWriter out = new StringWriter();
        int exitCode = ShopCtl.run(args, new PrintWriter(out, true), new PrintWriter(out, true));
        System.out.println("$ shopctl " + String.join(" ", args) + "\n" + out);
        return new Run(exitCode, out.toString());
    }

    static HttpResponse<String> get(URI uri) {
        return send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).build());
    }

    static HttpResponse<String> post(URI uri, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(request.uri() + " failed: " + e, e);
        }
    }

    /** Registers a shopper and returns a token; the email is {@code email} when given. */
    static String shopper(URI base, String email) {
        String address = email != null ? email : "e2e-" + UUID.randomUUID() + "@example.test";
        post(base.resolve("/api/sso/register"),
                "{\"email\":\"" + address + "\",\"name\":\"E2E\",\"password\":\"s3cret-pass\"}");
        HttpResponse<String> login = post(base.resolve("/api/sso/login"),
                "{\"email\":\"" + address + "\",\"password\":\"s3cret-pass\"}");
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return login.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");
    }

    static List<String> shoppers(URI base, int count) {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add(shopper(base, null));
        }
        return tokens;
    }

    /** Every container of the stack, running or not, found by its label. */
    static List<Container> stackContainers(DockerClient docker, String stack) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.STACK, stack)).exec();
    }

    /** The stack's app replicas, by name. */
    static List<Container> appContainers(DockerClient docker, String stack) {
        return stackContainers(docker, stack).stream()
                .filter(c -> Labels.ROLE_APP.equals(c.getLabels().get(Labels.ROLE)))
                .sorted(Comparator.comparing(c -> c.getNames()[0])).toList();
    }

    /**
     * Checks that the stack's internal paths refuse a caller without the stack's internal credential, on a
     * replica's own address and on nginx's internal listener (both reachable from this machine, as from any local
     * process), and that the refused calls changed nothing.
     */
    static void assertInternalPathsRefuseOutsiders(DockerClient docker, String stack, String replica) {
        String simulation = "/internal/payments/simulation";
        List<URI> entries = List.of(URI.create("http://" + address(docker, replica) + ":8080" + simulation),
                URI.create("http://" + address(docker, stack + "-nginx") + ":8082" + simulation));
        for (URI entry : entries) {
            HttpResponse<String> read = get(entry);
            assertThat(read.statusCode()).as("GET " + entry + ": " + read.body()).isEqualTo(401);
            assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            HttpResponse<String> change = send(HttpRequest.newBuilder(entry).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":0,\"failureRate\":1.0}")).build());
            assertThat(change.statusCode()).as("PUT " + entry + ": " + change.body()).isEqualTo(401);
            HttpResponse<String> guessed = send(HttpRequest.newBuilder(entry).timeout(Duration.ofSeconds(15))
                    .header("X-Shop-Internal-Token", "guessed").build());
            assertThat(guessed.statusCode()).as("GET " + entry + " with a wrong credential").isEqualTo(401);
        }
        HttpResponse<String> insider = send(HttpRequest.newBuilder(entries.get(1)).timeout(Duration.ofSeconds(15))
                .header("X-Shop-Internal-Token", secret(stack, "internal-token")).build());
        assertThat(insider.statusCode()).as("with the stack's credential: " + insider.body()).isEqualTo(200);
        assertThat(insider.body()).as("the refused PUTs changed nothing").contains("\"failureRate\":0.0");
    }

    /** A secret the engine generated for the stack, as its containers receive it. */
    static String secret(String stack, String name) {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("user.home"),
                    ".shopscale", "stacks", stack, "secrets", name)).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Spring Boot's line saying a replica has started, which dates each start in {@link #failuresLogged}. */
    private static final String STARTED = " seconds (process running for ";

    /** The replica's line saying it stopped for half a second or more, and why (the kit's PauseDetector). */
    private static final String PAUSED = "This replica paused for";

    /** The lines of one role's log worth showing, and how many lines after each one belong to it. */
    private record Signs(List<String> markers, int linesAfter) {
    }

    private static final Map<String, Signs> SIGNS = Map.of(
            Labels.ROLE_APP, new Signs(
                    List.of("Unexpected failure", "Database unavailable", "overridden by rollback", PAUSED, STARTED),
                    3),
            Labels.ROLE_HAPROXY, new Signs(List.of(" DOWN", " UP", "is going"), 0),
            Labels.ROLE_NGINX, new Signs(List.of(" shed a request "), 0),
            Labels.ROLE_POSTGRES, new Signs(List.of("still waiting for", "acquired", "deadlock", "FATAL", "duration: "),
                    2));

    /**
     * The server's side of failed requests, for an assertion's message: what the stack's replicas logged as
     * unexpected failures or an unavailable database (the line and the three after it), when each started and each of
     * its pauses, by replica; nginx's lines about shed requests (what each replica held then); HAProxy's lines about
     * PostgreSQL going down or up; and PostgreSQL's lock waits, statements slower than a second and fatal errors (the
     * line and the two after it, which name the process holding the lock and the statement).
     */
    public static String failuresLogged(DockerClient docker, String stack) {
        StringBuilder logged = new StringBuilder();
        for (Container container : stackContainers(docker, stack)) {
            Signs signs = SIGNS.get(String.valueOf(container.getLabels().get(Labels.ROLE)));
            if (signs == null) {
                continue;
            }
            String[] lines = logs(docker, container.getId()).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (signs.markers().stream().anyMatch(line::contains)) {
                    logged.append('\n').append(container.getNames()[0]).append(": ").append(line);
                    int context = Math.min(lines.length,
                            i + 1 + (line.contains(STARTED) || line.contains(PAUSED) ? 0 : signs.linesAfter()));
                    for (int j = i + 1; j < context; j++) {
                        logged.append('\n').append("    ").append(lines[j]);
                    }
                    i = context - 1;
                }
            }
        }
        return logged.isEmpty()
                ? " (no replica started or logged a failure, nginx shed nothing, HAProxy saw no change and PostgreSQL"
                        + " logged nothing slow)"
                : logged.toString();
    }

    /** How many of a container's last log lines are searched: nginx logs a line per request. */
    private static final int LOG_LINES = 50_000;

    private static String logs(DockerClient docker, String container) {
        StringBuilder log = new StringBuilder();
        try (var callback = docker.logContainerCmd(container).withStdOut(true).withStdErr(true)
                .withTail(LOG_LINES).exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        log.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })) {
            callback.awaitCompletion(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.append("(logs unavailable: ").append(e).append(")");
        }
        return log.toString();
    }

    /** The container's address on the stack's network. */
    static String address(DockerClient docker, String container) {
        return docker.inspectContainerCmd(container).exec().getNetworkSettings().getNetworks().values().iterator()
                .next().getIpAddress();
    }

    /** Runs a command in the container and waits for it; fails with its output unless it exits with 0. */
    static void execIn(DockerClient docker, String container, String... command) throws InterruptedException {
        String exec = docker.execCreateCmd(container).withCmd(command).withAttachStdout(true).withAttachStderr(true)
                .exec().getId();
        StringBuilder output = new StringBuilder();
        docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        Long exitCode = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        assertThat(exitCode).as("%s in %s: %s", String.join(" ", command), container, output).isEqualTo(0L);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Shop() {
    }
}
