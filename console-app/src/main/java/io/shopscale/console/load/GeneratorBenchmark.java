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
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.shopscale.console.metrics.LatencySummary;
import io.shopscale.console.metrics.MetricsHub;

/**
 * Finds the highest rate the generator sustains against a trivial endpoint, to show that it is not what limits a
 * load test, with each HTTP client in turn: the hand-written {@link SocketTransport}, then Apache HttpClient 5's
 * classic and async clients. For each it prints every rate step (achieved rate, p50/p99/max in ms, errors, this
 * JVM's CPU in microseconds per request), then a table side by side: highest rate sustained, CPU per request there
 * and at the highest rate all clients sustained, that CPU as a multiple of the first client's, and the rate as a
 * fraction of wrk's (given with {@code --wrk-rate}). Not a unit test: {@code bin/bench-generator} runs it next to
 * {@code wrk} against the same endpoint.
 *
 * <pre>
 * java -cp console-app/target/classes:$(deps) io.shopscale.console.load.GeneratorBenchmark \
 *     [--url http://127.0.0.1:8081] [--seconds 5] [--rates 1000,2000,4000] [--connections 64] [--max-p99 50] \
 *     [--clients socket,apache-classic,apache-async] [--wrk-rate 44032]
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
            List<Ladder> ladders = new ArrayList<>();
            for (Client client : options.clients) {
                System.out.printf(Locale.ROOT, "== %s%n", client.label);
                ladders.add(climb(client, target, options));
            }
            printSideBySide(ladders, options);
        } finally {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    /** Warms the client up, then raises the rate until two steps in a row are not sustained. */
    private static Ladder climb(Client client, URI target, Options options) throws Exception {
        // The JIT compiles the client's hot paths in the first seconds; measured before, that is not the client.
        measure(client, target, options, WARM_UP_RATE, WARM_UP_SECONDS, false);
        List<Step> steps = new ArrayList<>();
        int failuresInARow = 0;
        for (double rate : options.rates) {
            Step step = measure(client, target, options, rate, options.seconds, true);
            steps.add(step);
            failuresInARow = step.sustained() ? 0 : failuresInARow + 1;
            if (failuresInARow == 2) {
                break;
            }
        }
        Ladder ladder = new Ladder(client, steps);
        System.out.printf(Locale.ROOT, "highest rate sustained: %s/s (p99 <= %s, achieved/target >= %.2f)%n",
                LiveLine.rate(ladder.best() == null ? 0 : ladder.best().rate()),
                LatencySummary.format(options.maxP99Millis), MIN_ACHIEVED_FRACTION);
        return ladder;
    }

    /**
     * Every client's highest rate, and its CPU per request at the highest rate that all of them sustained (at the
     * same rate, the JVM's fixed costs, such as the scheduler's wake-ups and the metrics ticks, weigh the same), as
     * a multiple of the first client's; wrk's rate, when given, next to them.
     */
    private static void printSideBySide(List<Ladder> ladders, Options options) {
        double common = ladders.stream().mapToDouble(ladder -> ladder.best() == null ? 0 : ladder.best().rate())
                .min().orElse(0);
        Ladder reference = ladders.get(0);
        Step referenceStep = reference.at(common);
        System.out.printf(Locale.ROOT, "== side by side (same endpoint, one run; cpu = this JVM's CPU time / "
                + "requests started)%n");
        System.out.printf(Locale.ROOT, "%-22s %12s %13s %15s %17s %12s %8s%n", "client", "highest/s", "achieved/s",
                "cpu us/req@best", "cpu us/req@" + LiveLine.rate(common), "cpu vs " + reference.client().label,
                "vs wrk");
        if (options.wrkRate > 0) {
            System.out.printf(Locale.ROOT, "%-22s %12s %13.1f %15s %17s %12s %8s%n", "wrk (closed loop)", "-",
                    options.wrkRate, "-", "-", "-", "1.00");
        }
        for (Ladder ladder : ladders) {
            Step best = ladder.best();
            Step atCommon = ladder.at(common);
            String cpuRatio = atCommon == null || referenceStep == null ? "-"
                    : String.format(Locale.ROOT, "%.2fx", atCommon.cpuMicrosPerRequest()
                    / referenceStep.cpuMicrosPerRequest());
            String versusWrk = options.wrkRate > 0 && best != null
                    ? String.format(Locale.ROOT, "%.2f", best.achieved() / options.wrkRate) : "-";
            System.out.printf(Locale.ROOT, "%-22s %12s %13s %15s %17s %12s %8s%n", ladder.client().label,
                    best == null ? "0" : LiveLine.rate(best.rate()),
                    best == null ? "-" : String.format(Locale.ROOT, "%.1f", best.achieved()),
                    best == null ? "-" : String.format(Locale.ROOT, "%.1f", best.cpuMicrosPerRequest()),
                    atCommon == null ? "-" : String.format(Locale.ROOT, "%.1f", atCommon.cpuMicrosPerRequest()),
                    cpuRatio, versusWrk);
        }
        System.out.printf(Locale.ROOT, "== cpu us/request at each rate every client ran (x = vs %s)%n",
                reference.client().label);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%8s", "rate/s"));
        ladders.forEach(ladder -> header.append(String.format(Locale.ROOT, " %22s", ladder.client().label)));
        System.out.println(header);
        for (Step step : reference.steps()) {
            if (ladders.stream().anyMatch(ladder -> ladder.at(step.rate()) == null)) {
                break;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%8s", LiveLine.rate(step.rate())));
            for (Ladder ladder : ladders) {
                Step other = ladder.at(step.rate());
                line.append(String.format(Locale.ROOT, " %12.1f (%5.2fx)%s", other.cpuMicrosPerRequest(),
                        other.cpuMicrosPerRequest() / step.cpuMicrosPerRequest(), other.sustained() ? " " : "*"));
            }
            System.out.println(line);
        }
        System.out.println("(* not sustained at that rate)");
    }

    /** Only the endpoint, so that wrk and this benchmark (with --url) can take turns against the same server. */
    private static void serveOnly(int seconds) throws IOException, InterruptedException {
        HttpServer server = trivialServer();
        System.out.printf(Locale.ROOT, "serving http://127.0.0.1:%d/ for %d s%n", server.getAddress().getPort(),
                seconds);
        Thread.sleep(seconds * 1000L);
        server.stop(0);
    }

    private static Step measure(Client client, URI target, Options options, double rate, int seconds,
                                boolean print) throws Exception {
        LoadPlan plan = LoadPlan.against(target)
                .withMix(ScenarioMix.parse("detail=1"))
                .withShoppers(0)
                .withRate(rate)
                .withDuration(Duration.ofSeconds(seconds))
                .withConnections(options.connections)
                .withSeed(1);
        Transport transport = client.open(plan);
        LoadReport report;
        long cpuBefore = processCpuNanos();
        try (MetricsHub hub = new MetricsHub()) {
            report = new LoadGenerator(plan, hub, transport).run();
        }
        double cpuMicrosPerRequest = (processCpuNanos() - cpuBefore) / 1000.0 / Math.max(1, report.started());
        double fraction = report.achievedRate() / rate;
        LatencySummary latency = report.latency();
        boolean sustained = fraction >= MIN_ACHIEVED_FRACTION && latency.p99Millis() <= options.maxP99Millis
                && report.total().errors() == 0;
        if (print) {
            System.out.printf(Locale.ROOT, "rate %7s/s  achieved %9.1f/s (%.3f)  p50 %7s  p99 %7s  max %7s  "
                            + "errors %d%s  cpu %.1f us/request  %s%n", LiveLine.rate(rate), report.achievedRate(),
                    fraction, LatencySummary.format(latency.p50Millis()), LatencySummary.format(latency.p99Millis()),
                    LatencySummary.format(latency.maxMillis()), report.total().errors(),
                    report.total().errors() == 0 ? "" : " " + report.total().errorsByKind(), cpuMicrosPerRequest,
                    sustained ? "sustained" : "NOT sustained");
        }
        return new Step(rate, report.achievedRate(), cpuMicrosPerRequest, sustained);
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

    /** The HTTP clients the benchmark can drive the generator with; the first one given is the reference. */
    enum Client {
        SOCKET("hand-written", "socket", SocketTransport::new),
        APACHE_CLASSIC("apache-classic 5", "apache-classic", ApacheClassicTransport::new),
        APACHE_ASYNC("apache-async 5", "apache-async", ApacheAsyncTransport::new);

        final String label;
        final String option;
        private final Function<LoadPlan, Transport> factory;

        Client(String label, String option, Function<LoadPlan, Transport> factory) {
            this.label = label;
            this.option = option;
            this.factory = factory;
        }

        Transport open(LoadPlan plan) {
            return factory.apply(plan);
        }

        static Client of(String option) {
            return Arrays.stream(values()).filter(client -> client.option.equals(option)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown client " + UserText.quote(option)
                            + "; use socket, apache-classic or apache-async"));
        }
    }

    /** One rate held for the step's seconds; cpu is this JVM's CPU time over the step / requests started. */
    private record Step(double rate, double achieved, double cpuMicrosPerRequest, boolean sustained) {
    }

    private record Ladder(Client client, List<Step> steps) {

        /** The highest rate sustained; null when none was. */
        Step best() {
            return steps.stream().filter(Step::sustained).reduce((first, second) -> second).orElse(null);
        }

        Step at(double rate) {
            return steps.stream().filter(step -> step.rate() == rate).findFirst().orElse(null);
        }
    }

    private record Options(URI url, int seconds, List<Double> rates, int connections, double maxP99Millis,
                           int serveSeconds, List<Client> clients, double wrkRate) {

        static Options parse(String[] args) {
            URI url = null;
            int seconds = 5;
            // Up to wrk's own figure on this kind of machine, so that the ladder ends at a failure, not at its top.
            List<Double> rates = List.of(500d, 1000d, 2000d, 3000d, 4000d, 6000d, 8000d, 10000d, 12000d, 16000d,
                    20000d, 24000d, 32000d, 40000d, 48000d);
            int connections = LoadPlan.DEFAULT_CONNECTIONS;
            double maxP99Millis = 50;
            int serveSeconds = 0;
            List<Client> clients = List.of(Client.values());
            double wrkRate = 0;
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
                    case "--clients" -> clients = Arrays.stream(value.split(",")).map(String::strip)
                            .map(Client::of).toList();
                    case "--wrk-rate" -> wrkRate = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown option " + UserText.quote(args[i])
                            + "; use --url, --seconds, --rates, --connections, --max-p99 (milliseconds), "
                            + "--serve (seconds), --clients (socket,apache-classic,apache-async), "
                            + "--wrk-rate (requests/s wrk reached, printed alongside)");
                }
            }
            return new Options(url, seconds, rates, connections, maxP99Millis, serveSeconds, clients, wrkRate);
        }

        private static List<Double> parseRates(String text) {
            List<Double> rates = new ArrayList<>();
            Arrays.stream(text.split(",")).map(String::strip).map(Double::parseDouble).forEach(rates::add);
            return rates;
        }
    }
}
