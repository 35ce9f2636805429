package io.shopscale.console.load;

import io.shopscale.console.topology.UserText;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.MetricsHub;

/**
 * Finds the highest rate the generator sustains against a trivial endpoint, to show that it is not what limits a
 * load test. Not a unit test: run it by hand, next to {@code wrk} against the same endpoint.
 *
 * <pre>
 * java -cp console-app/target/classes:$(deps) io.shopscale.console.load.GeneratorBenchmark \
 *     [--url http://127.0.0.1:8081] [--seconds 5] [--rates 1000,2000,4000] [--connections 64] [--max-p99 50]
 * java ... io.shopscale.console.load.GeneratorBenchmark --serve 120
 * </pre>
 *
 * Without {@code --url} it serves the endpoint itself, in this JVM, so that server's CPU is taken from the
 * generator: a pessimistic figure. For a fair one, start the endpoint alone with {@code --serve SECONDS} (or use an
 * nginx {@code return 200}) and point both this benchmark and wrk at it with {@code --url}.
 */
public final class GeneratorBenchmark {

    static final double MIN_ACHIEVED_FRACTION = 0.98;
    private static final double WARM_UP_RATE = 2000;
    private static final int WARM_UP_SECONDS = 10;

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, every answer waits 40 ms.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Options options = Options.parse(args);
        if (options.serveSeconds > 0) {
            serveOnly(options.serveSeconds);
            return;
        }
        HttpServer server = options.url == null ? trivialServer() : null;
        URI target = options.url != null ? options.url
                : URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        System.out.printf(Locale.ROOT, "generator benchmark against %s, %d cores, %d s per rate, %d connections%n",
                target, Runtime.getRuntime().availableProcessors(), options.seconds, options.connections);
        System.out.printf(Locale.ROOT, "to compare: wrk -t2 -c%d -d%ds %s/api/catalog/products/1%n",
                options.connections, options.seconds, target);
        try {
            // The JIT compiles the client's hot paths in the first seconds; measured before, that is not the generator.
            measure(target, options, WARM_UP_RATE, WARM_UP_SECONDS, false);
            double best = 0;
            int failuresInARow = 0;
            for (double rate : options.rates) {
                if (measure(target, options, rate, options.seconds, true)) {
                    best = rate;
                    failuresInARow = 0;
                } else if (++failuresInARow == 2) {
                    break;
                }
            }
            System.out.printf(Locale.ROOT, "highest rate sustained: %s/s (p99 <= %s, achieved/target >= %.2f)%n",
                    LiveLine.rate(best), LatencySummary.format(options.maxP99Millis), MIN_ACHIEVED_FRACTION);
        } finally {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /** Only the endpoint, so that wrk and this benchmark (with --url) can take turns against the same server. */
    private static void serveOnly(int seconds) throws IOException, InterruptedException {
        HttpServer server = trivialServer();
        System.out.printf(Locale.ROOT, "serving http://127.0.0.1:%d/ for %d s%n", server.getAddress().getPort(),
                seconds);
        Thread.sleep(seconds * 1000L);
        server.stop(0);
    }

    private static boolean measure(URI target, Options options, double rate, int seconds, boolean print)
            throws Exception {
        LoadPlan plan = LoadPlan.against(target)
                .withMix(ScenarioMix.parse("detail=1"))
                .withShoppers(0)
                .withRate(rate)
                .withDuration(Duration.ofSeconds(seconds))
                .withConnections(options.connections)
                .withSeed(1);
        LoadReport report;
        long cpuBefore = processCpuNanos();
        try (MetricsHub hub = new MetricsHub()) {
            report = new LoadGenerator(plan, hub).run();
        }
        double cpuMicrosPerRequest = (processCpuNanos() - cpuBefore) / 1000.0 / Math.max(1, report.started());
        double fraction = report.achievedRate() / rate;
        LatencySummary latency = report.latency();
        boolean sustained = fraction >= MIN_ACHIEVED_FRACTION && latency.p99Millis() <= options.maxP99Millis
                && report.total().errors() == 0;
        if (print) {
            System.out.printf(Locale.ROOT, "rate %7s/s  achieved %9.1f/s (%.3f)  p50 %7s  p99 %7s  max %7s  "
                            + "errors %d%s  cpu %.0f us/request  %s%n", LiveLine.rate(rate), report.achievedRate(),
                    fraction, LatencySummary.format(latency.p50Millis()), LatencySummary.format(latency.p99Millis()),
                    LatencySummary.format(latency.maxMillis()), report.total().errors(),
                    report.total().errors() == 0 ? "" : " " + report.total().errorsByKind(), cpuMicrosPerRequest,
                    sustained ? "sustained" : "NOT sustained");
        }
        return sustained;
    }

    /**
     * CPU time of this whole JVM (generator, plus the endpoint when it runs here): unlike latency, it does not
     * depend on what else the machine is doing.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static HttpServer trivialServer() throws IOException {
        byte[] body = "{\"id\":1,\"sku\":\"SKU-00001\",\"name\":\"Classic Backpack\",\"priceCents\":4999,\"stock\":1}"
                .getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        ExecutorService handlers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "benchmark-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", exchange -> answer(exchange, body));
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set(ReplicaHeader.NAME, "benchmark");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private record Options(URI url, int seconds, List<Double> rates, int connections, double maxP99Millis,
                           int serveSeconds) {

        static Options parse(String[] args) {
            URI url = null;
            int seconds = 5;
            // Up to wrk's own figure on this kind of machine, so that the ladder ends at a failure, not at its top.
            List<Double> rates = List.of(500d, 1000d, 2000d, 3000d, 4000d, 6000d, 8000d, 10000d, 12000d, 16000d,
                    20000d, 24000d, 32000d, 40000d, 48000d);
            int connections = LoadPlan.DEFAULT_CONNECTIONS;
            double maxP99Millis = 50;
            int serveSeconds = 0;
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("every option needs a value, like --seconds 5");
            }
            for (int i = 0; i + 1 < args.length; i += 2) {
                String value = args[i + 1];
                switch (args[i]) {
                    case "--url" -> url = URI.create(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--rates" -> rates = parseRates(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--max-p99" -> maxP99Millis = Double.parseDouble(value);
                    case "--serve" -> serveSeconds = Integer.parseInt(value);
                    default -> throw new IllegalArgumentException("unknown option " + UserText.quote(args[i])
                            + "; use --url, --seconds, --rates, --connections, --max-p99 (milliseconds), "
                            + "--serve (seconds)");
                }
            }
            return new Options(url, seconds, rates, connections, maxP99Millis, serveSeconds);
        }

        private static List<Double> parseRates(String text) {
            List<Double> rates = new ArrayList<>();
            Arrays.stream(text.split(",")).map(String::strip).map(Double::parseDouble).forEach(rates::add);
            return rates;
        }
    }
}
