package io.saaskit.boot.web.testing;

import io.saaskit.core.testing.FastPasswordHasher;
import io.saaskit.core.testing.MutableClock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The smallest application using the starter: full auto-configuration (PostgreSQL adapter, core, web), with a
 * clock tests can move and a fast password hasher. No component scanning.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class WebTestApplication {

    @Bean
    MutableClock testClock() {
        return new MutableClock();
    }

    @Bean
    FastPasswordHasher testPasswordHasher() {
        return new FastPasswordHasher();
    }
}
