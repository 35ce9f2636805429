package io.shopscale.sso;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.shopscale.kit.ShopKit;

/** Single sign-on, booted alone as a service. */
@SpringBootApplication(scanBasePackageClasses = {ShopKit.class, SsoModule.class})
public class SsoApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(SsoApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "sso"));
        application.run(args);
    }
}
