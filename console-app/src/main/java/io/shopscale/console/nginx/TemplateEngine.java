package io.shopscale.console.nginx;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.StringReader;
import java.util.Map;

/** The one way templates are compiled and run, shared by the nginx and HAProxy renderers. */
final class TemplateEngine {

    private final Templates templates;
    private final Mustache.Compiler compiler;

    TemplateEngine(Templates templates) {
        if (templates == null) {
            throw new IllegalArgumentException("templates are missing");
        }
        this.templates = templates;
        this.compiler = Mustache.compiler()
                // Config, not HTML: "&" and quotes must come out as written.
                .escapeHTML(false)
                // A misspelt or missing value fails the render instead of leaving a hole in a directive.
                .strictSections(true)
                .withLoader(partial -> new StringReader(templates.read(partial + ".mustache")));
    }

    /** Compiled once; partials are read on first use. */
    Template compile(String fileName) {
        try {
            return compiler.compile(templates.read(fileName));
        } catch (MustacheException e) {
            throw new IllegalStateException("template " + fileName + " from " + templates.origin()
                    + " does not compile: " + e.getMessage(), e);
        }
    }

    String run(Template template, String fileName, Map<String, Object> context) {
        try {
            return template.execute(context);
        } catch (MustacheException e) {
            throw new IllegalStateException("template " + fileName + " from " + templates.origin()
                    + " failed to render: " + e.getMessage(), e);
        }
    }
}
