package io.saaskit.example.seed;

import java.time.Clock;

import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.example.DeploymentEnvironment;
import io.saaskit.example.StartupRefusedException;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Seeds the demo data when {@code saaskit.seed.enabled} is true ({@code SAASKIT_SEED_DEMO_DATA=true}, or the
 * {@code seed} command, which sets it).
 *
 * <p>The seeding runs as an {@link ApplicationRunner}, after the context (and with it the migrations) is ready. The
 * production check happens earlier, while the beans are created, so a production instance asked to seed fails
 * before it serves a single request.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SeedProperties.class)
public class DemoDataConfiguration {

    @Bean
    DemoDataSeeder saasDemoDataSeeder(UserRepository users, PasswordHasher passwordHasher,
            MembershipService memberships, AuditSink audit, TransactionRunner transactions, Clock clock) {
        return new DemoDataSeeder(users, passwordHasher, memberships, audit, transactions, clock);
    }

    @Bean
    ApplicationRunner saasDemoDataRunner(SeedProperties properties, DemoDataSeeder seeder, Environment environment) {
        if (properties.enabled() && DeploymentEnvironment.isProduction(environment)) {
            throw new StartupRefusedException("Demo data (" + DemoDataSeeder.EMAIL + " with a well-known password) "
                    + "is never seeded in production.",
                    "Unset SAASKIT_SEED_DEMO_DATA and do not run the seed command against a production deployment.");
        }
        return (arguments) -> {
            if (properties.enabled()) {
                seeder.seed();
            }
        };
    }
}
