package io.shopscale.catalog;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.shopscale.kit.ShopKit;

/** The catalog, booted alone as a service. */
@SpringBootApplication(scanBasePackageClasses = {ShopKit.class, CatalogModule.class})
public class CatalogApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CatalogApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "catalog"));
        application.run(args);
    }
}
