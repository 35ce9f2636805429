package io.shopscale.monolith;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * All five modules in one process. Each module's beans implement the others' APIs in-process; the standalone
 * service applications in the modules are left out, since they would bring their HTTP clients along.
 */
@SpringBootApplication
@ComponentScan(basePackages = "io.shopscale",
        excludeFilters = @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class))
public class ShopMonolith {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(ShopMonolith.class);
        application.setDefaultProperties(Map.of("spring.application.name", "shop-monolith"));
        application.run(args);
    }
}
