package io.shopscale.kit.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Copies the storefront's static files into {@code shop.static-export-dir} (a volume shared with nginx) at start-up,
 * so nginx serves them without a request reaching a replica. Each file is written to a temporary name and moved
 * into place, so nginx never serves half a file while another replica is copying.
 */
@Component
class StaticFilesExporter {

    private static final Logger log = LoggerFactory.getLogger(StaticFilesExporter.class);

    private final String exportDir;

    StaticFilesExporter(@Value("${shop.static-export-dir:}") String exportDir) {
        this.exportDir = exportDir;
    }

    @EventListener(ApplicationReadyEvent.class)
    void export() throws IOException {
        if (exportDir.isBlank()) {
            return;
        }
        Path target = Path.of(exportDir);
        Files.createDirectories(target);
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:/static/**/*.*");
        for (Resource file : files) {
            String relative = relativePath(file);
            Path destination = target.resolve(relative).normalize();
            if (!destination.startsWith(target)) {
                continue;
            }
            Files.createDirectories(destination.getParent());
            Path temporary = Files.createTempFile(destination.getParent(), ".export-", ".tmp");
            try (InputStream in = file.getInputStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(temporary, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        log.info("Exported {} static files to {}", files.length, target);
    }

    private static String relativePath(Resource file) throws IOException {
        String url = file.getURL().toString();
        return url.substring(url.lastIndexOf("/static/") + "/static/".length());
    }
}
