package io.shopscale.payments;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.shopscale.kit.ShopKit;

/** The payment provider, booted alone as a service. */
@SpringBootApplication(scanBasePackageClasses = {ShopKit.class, PaymentsModule.class})
public class PaymentsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(PaymentsApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "payments"));
        application.run(args);
    }
}
