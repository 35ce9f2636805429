package io.shopscale.kit.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Gives every shop application the kit's defaults (graceful shutdown, probes, small pools) at the lowest
 * precedence, and reads secrets mounted as files (one file per property, e.g.
 * {@code /run/secrets/spring.datasource.password}) so that no secret travels in an environment variable.
 */
class ShopKitDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SECRETS_DIR_PROPERTY = "shop.secrets-dir";
    static final String DEFAULT_SECRETS_DIR = "/run/secrets";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Path secrets = Path.of(environment.getProperty(SECRETS_DIR_PROPERTY, DEFAULT_SECRETS_DIR));
        if (Files.isDirectory(secrets)) {
            environment.getPropertySources().addLast(new ConfigTreePropertySource("shop-secrets", secrets));
        }
        try {
            for (var source : new PropertiesPropertySourceLoader()
                    .load("shop-kit-defaults", new ClassPathResource("shop-kit-defaults.properties"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
