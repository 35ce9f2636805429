package io.shopscale.console.experiment;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Opens a report in Debian's headless Chromium and reads what a reader would see, over the Chrome DevTools Protocol
 * (a WebSocket on loopback, Java's own client): each chart's canvas and how many of its pixels are drawn, whether the
 * dashed event lines are on the canvas where the page says it drew them, every console error and uncaught exception,
 * and every request the page made beyond its own file. Saves a screenshot of the whole page.
 *
 * <p>Protocol: https://chromedevtools.github.io/devtools-protocol/ (Page, Runtime, Log and Network domains).
 */
public final class ReportInChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    /** Per chart: its canvas's size, the pixels not transparent, and per event line the share of its column drawn. */
    private static final String INSPECT = """
            JSON.stringify([...document.querySelectorAll('#charts .uplot')].map(root => {
              const canvas = root.querySelector('canvas');
              const ctx = canvas.getContext('2d');
              const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
              let drawn = 0;
              for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) drawn++;
              const lines = JSON.parse(root.dataset.eventLines || '[]').map(x => {
                const column = ctx.getImageData(x, 0, 1, canvas.height).data;
                let dark = 0;
                for (let i = 0; i < column.length; i += 4) {
                  if (column[i + 3] > 0 && Math.abs(column[i] - 85) < 40 && Math.abs(column[i + 1] - 85) < 40
                      && Math.abs(column[i + 2] - 85) < 40) dark++;
                }
                return dark / canvas.height;
              });
              return {title: root.parentElement.querySelector('h3').textContent, width: canvas.width,
                      height: canvas.height, drawn, lines};
            }))""";

    /** One chart as drawn: {@code lineCoverage} is per event line the share of its pixel column in the line's grey. */
    public record Chart(String title, int width, int height, int drawnPixels, List<Double> lineCoverage) {
    }

    /** What the page showed and did. */
    public record Result(List<Chart> charts, List<String> consoleErrors, List<String> requests, Path screenshot) {
    }

    private final Process chromium;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();

    private ReportInChromium(Process chromium, Path profile, URI page) throws Exception {
        this.chromium = chromium;
        this.profile = profile;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Listener())
                .get(10, TimeUnit.SECONDS);
    }

    /** Starts a headless Chromium with an empty profile and attaches to its first page. */
    public static ReportInChromium start() throws Exception {
        // Under /tmp, not the module's target: Chromium puts its singleton socket in TMPDIR (the profile, below), and
        // a Unix socket's path must fit in 108 bytes.
        Path profile = Files.createTempDirectory(Path.of("/tmp"), "report-chromium");
        ProcessBuilder command = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--no-first-run", "--user-data-dir=" + profile,
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=1200,1800",
                "about:blank").redirectErrorStream(true);
        // Chromium keeps its own temporary files where TMPDIR says: in the profile, which close() removes.
        command.environment().put("TMPDIR", profile.toString());
        Process chromium = command.start();
        BufferedReader output = new BufferedReader(new InputStreamReader(chromium.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> said = new ArrayList<>();
        URI browser = null;
        for (String line = output.readLine(); line != null; line = output.readLine()) {
            said.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                browser = URI.create(listening.group(1));
                break;
            }
        }
        if (browser == null) {
            chromium.destroyForcibly();
            throw new IllegalStateException("chromium did not open its DevTools port: " + String.join("\n", said));
        }
        // Keep reading its output, so a chatty browser never blocks on a full pipe.
        Thread drain = new Thread(() -> output.lines().forEach(line -> { }), "chromium-output");
        drain.setDaemon(true);
        drain.start();
        HttpResponse<String> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode target : JSON.readTree(list.body())) {
            if ("page".equals(target.path("type").asText())) {
                return new ReportInChromium(chromium, profile, URI.create(target.get("webSocketDebuggerUrl").asText()));
            }
        }
        chromium.destroyForcibly();
        throw new IllegalStateException("chromium has no page to attach to: " + list.body());
    }

    /** Opens {@code html}, waits for its load event and a moment for its scripts, inspects it, saves a screenshot. */
    public Result open(Path html, Path screenshot) throws Exception {
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            call(domain + ".enable", JSON.createObjectNode());
        }
        String url = html.toAbsolutePath().toUri().toString();
        call("Page.navigate", JSON.createObjectNode().put("url", url));
        loaded.get(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        JsonNode value = call("Runtime.evaluate", JSON.createObjectNode().put("expression", INSPECT)
                .put("returnByValue", true)).path("result");
        List<Chart> charts = new ArrayList<>();
        if (value.path("type").asText().equals("string")) {
            for (JsonNode chart : JSON.readTree(value.get("value").asText())) {
                List<Double> lines = new ArrayList<>();
                chart.get("lines").forEach(line -> lines.add(line.asDouble()));
                charts.add(new Chart(chart.get("title").asText(), chart.get("width").asInt(),
                        chart.get("height").asInt(), chart.get("drawn").asInt(), lines));
            }
        } else {
            throw new IllegalStateException("the page could not be inspected: " + value);
        }
        JsonNode metrics = call("Page.getLayoutMetrics", JSON.createObjectNode());
        JsonNode size = metrics.path("cssContentSize");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("scale", 1)
                .put("width", size.path("width").asDouble(1200)).put("height", size.path("height").asDouble(1800));
        ObjectNode shot = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        shot.set("clip", clip);
        JsonNode picture = call("Page.captureScreenshot", shot);
        Files.createDirectories(screenshot.toAbsolutePath().getParent());
        Files.write(screenshot, Base64.getDecoder().decode(picture.get("data").asText()));
        return new Result(charts, consoleErrors(), requests(url), screenshot);
    }

    private List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (JsonNode event : events) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            if (method.equals("Runtime.exceptionThrown")) {
                errors.add("exception: " + params.path("exceptionDetails").toString());
            } else if (method.equals("Runtime.consoleAPICalled")
                    && List.of("error", "assert").contains(params.path("type").asText())) {
                errors.add("console." + params.path("type").asText() + ": " + params.path("args").toString());
            } else if (method.equals("Log.entryAdded") && params.path("entry").path("level").asText().equals("error")) {
                errors.add("log: " + params.path("entry").path("text").asText());
            }
        }
        return errors;
    }

    /** Every request but the page's own file. */
    private List<String> requests(String page) {
        return events.stream().filter(event -> event.path("method").asText().equals("Network.requestWillBeSent"))
                .map(event -> event.path("params").path("request").path("url").asText())
                .filter(url -> !url.equals(page)).toList();
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode reply = answer.get(30, TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IllegalStateException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.abort();
        // Chromium's helper processes (network service, renderers) write into the profile too, and may outlive the
        // browser process for a moment: the profile is removed once every one of them has ended.
        List<ProcessHandle> helpers = chromium.descendants().toList();
        chromium.destroy();
        if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
            chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle helper : helpers) {
            helper.destroy();
        }
        for (ProcessHandle helper : helpers) {
            awaitEnd(helper);
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private static void awaitEnd(ProcessHandle process) throws InterruptedException {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (TimeoutException stillRunning) {
            process.destroyForcibly();
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Chromium's process " + process.pid() + " did not end", e);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for Chromium's process " + process.pid() + " failed", e);
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder message = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            message.append(data);
            if (last) {
                try {
                    JsonNode node = JSON.readTree(message.toString());
                    if (node.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(node.get("id").asInt());
                        if (answer != null) {
                            answer.complete(node);
                        }
                    } else {
                        events.add(node);
                        if (node.path("method").asText().equals("Page.loadEventFired")) {
                            loaded.complete(null);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("chromium sent what is not JSON", e);
                }
                message.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
