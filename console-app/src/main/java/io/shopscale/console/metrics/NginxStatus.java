package io.shopscale.console.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counters of nginx's {@code stub_status} page. {@code accepts}, {@code handled} and {@code requests} count
 * since nginx started; the others are gauges.
 */
public record NginxStatus(long active, long accepts, long handled, long requests, long reading, long writing,
                          long waiting) {

    private static final Pattern FORMAT = Pattern.compile(
            "\\s*Active connections:\\s*(\\d+)\\s+"
                    + "server accepts handled requests\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+"
                    + "Reading:\\s*(\\d+)\\s+Writing:\\s*(\\d+)\\s+Waiting:\\s*(\\d+)\\s*");

    /**
     * Parses the page as {@code ngx_http_stub_status_module} prints it:
     * <pre>
     * Active connections: 2
     * server accepts handled requests
     *  10 10 20
     * Reading: 0 Writing: 1 Waiting: 1
     * </pre>
     *
     * @throws IllegalArgumentException when the text is anything else, for instance an HTML error page
     */
    public static NginxStatus parse(String stubStatusText) {
        if (stubStatusText == null) {
            throw new IllegalArgumentException("no stub_status text to parse");
        }
        Matcher matcher = FORMAT.matcher(stubStatusText);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an nginx stub_status page; it starts with: "
                    + firstLine(stubStatusText));
        }
        try {
            return new NginxStatus(number(matcher, 1), number(matcher, 2), number(matcher, 3), number(matcher, 4),
                    number(matcher, 5), number(matcher, 6), number(matcher, 7));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a stub_status counter is too large: " + e.getMessage());
        }
    }

    private static long number(Matcher matcher, int group) {
        return Long.parseLong(matcher.group(group));
    }

    /** Shown escaped and short: the text came over the network and may be anything. */
    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        String shortened = line.length() > 60 ? line.substring(0, 60) + "..." : line;
        return '"' + shortened.replaceAll("\\p{Cntrl}", "?") + '"';
    }
}
