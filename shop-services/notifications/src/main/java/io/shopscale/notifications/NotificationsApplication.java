package io.shopscale.notifications;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import io.shopscale.kit.ShopKit;

/** Notifications, booted alone as a service. */
@SpringBootApplication(scanBasePackageClasses = {ShopKit.class, NotificationsModule.class})
public class NotificationsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(NotificationsApplication.class);
        application.setDefaultProperties(Map.of("spring.application.name", "notifications"));
        application.run(args);
    }
}
