package io.saaskit.example;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;

/**
 * Tells operators migrating from the original product that its web-only variables have no effect here.
 *
 * <p>The original product's Next.js UI read {@code NEXT_PUBLIC_API_BASE_URL} and {@code NEXT_PUBLIC_DEMO_MODE}.
 * saaskit serves its pages from the API's own origin and follows {@code DEMO_MODE}, so these are ignored; a
 * deployment that still sets them gets one log line instead of silently different behaviour.
 */
final class IgnoredVariablesNotice implements ApplicationRunner {

    private static final Logger logger = LoggerFactory.getLogger(IgnoredVariablesNotice.class);

    private static final List<String> IGNORED = List.of("NEXT_PUBLIC_API_BASE_URL", "NEXT_PUBLIC_DEMO_MODE");

    private final Environment environment;

    IgnoredVariablesNotice(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String name : IGNORED) {
            if (this.environment.containsProperty(name)) {
                logger.info("{} is ignored: the web UI is served from the API's origin and follows DEMO_MODE", name);
            }
        }
    }
}
