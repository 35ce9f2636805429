package io.shopscale.console.nginx;

import com.samskivert.mustache.Template;
import java.util.Map;

/** Renders HAProxy's {@code haproxy.cfg}, which fronts the stack's PostgreSQL, from {@code haproxy.cfg.mustache}. */
public final class HaproxyConfigRenderer {

    public static final String TEMPLATE = "haproxy.cfg.mustache";

    private final TemplateEngine engine;
    private final Template template;

    public HaproxyConfigRenderer(Templates templates) {
        this.engine = new TemplateEngine(templates);
        this.template = engine.compile(TEMPLATE);
    }

    /** With the templates found by {@link Templates#locate()}. */
    public static HaproxyConfigRenderer withDefaultTemplates() {
        return new HaproxyConfigRenderer(Templates.locate());
    }

    public String render(HaproxyModel model) {
        if (model == null) {
            throw new IllegalArgumentException("HAProxy model is missing");
        }
        return engine.run(template, TEMPLATE, Map.of(
                "stack", model.stack().value(),
                "container", model.postgresContainer(),
                "address", model.postgresAddress(),
                "checkUser", model.checkUser()));
    }
}
