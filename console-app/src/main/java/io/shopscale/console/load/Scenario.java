package io.shopscale.console.load;

import io.shopscale.console.topology.UserText;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a simulated shopper does in one request, and which service of the shop answers it. */
public enum Scenario {
    BROWSE("browse", "catalog"),
    SEARCH("search", "catalog"),
    DETAIL("detail", "catalog"),
    LOGIN("login", "sso"),
    ORDER("order", "orders");

    private final String label;
    private final String service;

    Scenario(String label, String service) {
        this.label = label;
        this.service = service;
    }

    /** The word users type in a mix: {@code browse}, {@code search}, ... */
    public String label() {
        return label;
    }

    /** The service's name as in {@code topology.Mode.SERVICES}, whichever topology actually answers. */
    public String service() {
        return service;
    }

    public static Scenario parse(String text) {
        return Arrays.stream(values())
                .filter(scenario -> scenario.label.equals(text))
                .findFirst()
                .orElseThrow(() -> new LoadSettingsException("unknown scenario " + UserText.quote(text) + "; use "
                        + Arrays.stream(values()).map(Scenario::label).collect(Collectors.joining(", "))));
    }
}
