package io.shopscale.console.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an export writes: a {@code docker-compose.yml} with its files, or Kubernetes manifests. */
public enum ExportFormat {

    COMPOSE("compose"),
    KUBERNETES("kubernetes");

    private final String label;

    ExportFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * @param text {@code compose} or {@code kubernetes}, in any case
     * @throws IllegalArgumentException naming the formats there are, for any other text
     */
    public static ExportFormat parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.label.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown export format '" + text + "'; use one of "
                        + Arrays.stream(values()).map(ExportFormat::label).collect(Collectors.joining(", "))));
    }
}
