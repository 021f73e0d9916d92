package io.saaskit.boot.web.billing;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The process {@link WebhookWorkerCrashIT} kills and restarts: the starter's full auto-configuration on the
 * system clock, with the worker (and the Stripe dispatcher it schedules) running. Its properties come as
 * {@code --name=value} arguments.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WebhookWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(WebhookWorkerApplication.class, args);
    }
}
