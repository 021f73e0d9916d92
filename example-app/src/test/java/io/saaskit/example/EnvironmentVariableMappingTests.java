package io.saaskit.example;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Checks {@code application.yml} against the configuration table of the product specification (§11): every
 * environment variable reaches its property, converted to the property's unit, and every default is the documented
 * one. The variables are supplied the way the operating system supplies them, and nothing else is loaded, so the
 * machine's own environment cannot leak into the result.
 */
class EnvironmentVariableMappingTests {

    static Stream<Arguments> variables() {
        return Stream.of(
                arguments("NODE_ENV", "production", "saaskit.environment", String.class, "production"),
                arguments("SAASKIT_ENVIRONMENT", "test", "saaskit.environment", String.class, "test"),
                arguments("API_PORT", "5000", "server.port", Integer.class, 5000),
                arguments("API_BASE_URL", "https://api.example.com", "saaskit.api-base-url", String.class,
                        "https://api.example.com"),
                arguments("WEB_BASE_URL", "https://app.example.com", "saaskit.web-base-url", String.class,
                        "https://app.example.com"),
                arguments("AUTH_PROVIDER", "oidc", "saaskit.auth.provider", String.class, "oidc"),
                arguments("DATABASE_URL", "postgres://a:b@db/x", "saaskit.jdbc.url", String.class,
                        "postgres://a:b@db/x"),
                arguments("DATABASE_POOL_MAX", "3", "saaskit.jdbc.pool-max", Integer.class, 3),
                arguments("DATABASE_POOL_MAX", "3", "spring.datasource.hikari.maximum-pool-size", Integer.class, 3),
                arguments("EMBEDDED_DB_DIR", "/var/lib/saaskit", "saaskit.jdbc.embedded.dir", String.class,
                        "/var/lib/saaskit"),
                arguments("REDIS_URL", "rediss://cache:6380", "saaskit.redis.url", String.class,
                        "rediss://cache:6380"),
                arguments("SAASKIT_METERING_JOURNAL_DIRECTORY", "/var/lib/saaskit/journal",
                        "saaskit.metering.journal.directory", String.class, "/var/lib/saaskit/journal"),
                arguments("SESSION_SECRET", "s".repeat(40), "saaskit.session.secret", String.class, "s".repeat(40)),
                arguments("SESSION_TTL_DAYS", "3", "saaskit.session.ttl", Duration.class, Duration.ofDays(3)),
                arguments("SESSION_IDLE_TIMEOUT_HOURS", "2", "saaskit.session.idle-timeout", Duration.class,
                        Duration.ofHours(2)),
                arguments("SESSION_SLIDING_ENABLED", "false", "saaskit.session.sliding", Boolean.class, false),
                arguments("SESSION_MAX_PER_USER", "2", "saaskit.session.max-per-user", Integer.class, 2),
                arguments("COOKIE_DOMAIN", "example.com", "saaskit.session.cookie.domain", String.class,
                        "example.com"),
                arguments("COOKIE_SECURE", "true", "saaskit.session.cookie.secure", Boolean.class, true),
                arguments("COOKIE_SAME_SITE", "Strict", "saaskit.session.cookie.same-site", String.class, "Strict"),
                arguments("API_KEY_PEPPER", "p".repeat(32), "saaskit.api-keys.pepper", String.class, "p".repeat(32)),
                arguments("API_KEY_PEPPER_PREVIOUS", "old", "saaskit.api-keys.previous-pepper", String.class, "old"),
                arguments("INTERNAL_ADMIN_TOKEN", "admin-token", "saaskit.admin.token", String.class, "admin-token"),
                arguments("SCIM_BEARER_TOKEN", "scim-token", "saaskit.scim.bearer-token", String.class,
                        "scim-token"),
                arguments("SCIM_DEFAULT_ROLE", "READONLY", "saaskit.scim.default-role", String.class, "READONLY"),
                arguments("INVITATION_TTL_DAYS", "2", "saaskit.invitations.ttl", Duration.class, Duration.ofDays(2)),
                arguments("MAX_BODY_BYTES", "2048", "saaskit.http.max-body-size", DataSize.class,
                        DataSize.ofKilobytes(2)),
                arguments("LOG_LEVEL", "debug", "logging.level.root", String.class, "debug"),
                arguments("LOG_LEVEL", "debug", "logging.level.io.saaskit", String.class, "debug"),
                arguments("SENTRY_ENABLED", "true", "saaskit.sentry.enabled", Boolean.class, true),
                arguments("SENTRY_DSN", "https://k@sentry.example/1", "sentry.dsn", String.class,
                        "https://k@sentry.example/1"),
                arguments("DEMO_MODE", "true", "saaskit.demo-mode", Boolean.class, true),
                arguments("STRIPE_SECRET_KEY", "sk_test_1", "saaskit.stripe.api-key", String.class, "sk_test_1"),
                arguments("STRIPE_WEBHOOK_SECRET", "whsec_1,whsec_2", "saaskit.stripe.webhook-secret", String.class,
                        "whsec_1,whsec_2"),
                arguments("STRIPE_PRICE_ID", "price_1", "saaskit.plans.catalogue.pro.stripe-price-id", String.class,
                        "price_1"),
                arguments("STRIPE_SUCCESS_URL", "https://a/s", "saaskit.stripe.success-url", String.class,
                        "https://a/s"),
                arguments("STRIPE_CANCEL_URL", "https://a/c", "saaskit.stripe.cancel-url", String.class,
                        "https://a/c"),
                arguments("STRIPE_PORTAL_RETURN_URL", "https://a/p", "saaskit.stripe.portal-return-url",
                        String.class, "https://a/p"),
                arguments("STRIPE_WEBHOOK_TOLERANCE", "120", "saaskit.stripe.webhook-tolerance", Duration.class,
                        Duration.ofSeconds(120)),
                arguments("STRIPE_API_BASE", "http://localhost:12111", "saaskit.stripe.api-base", String.class,
                        "http://localhost:12111"),
                arguments("STRIPE_EVENT_MAX_ATTEMPTS", "3", "saaskit.stripe.max-attempts", Integer.class, 3),
                arguments("BILLING_ENABLED", "false", "saaskit.stripe.enabled", Boolean.class, false),
                arguments("API_KEY_RATE_LIMIT", "2", "saaskit.rate-limit.api-key.limit", Long.class, 2L),
                arguments("API_KEY_RATE_LIMIT_WINDOW_SEC", "10", "saaskit.rate-limit.api-key.window", Duration.class,
                        Duration.ofSeconds(10)),
                arguments("AUTH_RATE_LIMIT_WINDOW_SEC", "3", "saaskit.rate-limit.auth.window", Duration.class,
                        Duration.ofSeconds(3)),
                arguments("AUTH_RATE_LIMIT_WINDOW_SEC", "0", "saaskit.rate-limit.auth.window", Duration.class,
                        Duration.ZERO),
                arguments("AUTH_LOGIN_IP_RATE_LIMIT", "7", "saaskit.rate-limit.auth.login-ip", Long.class, 7L),
                arguments("AUTH_LOGIN_IDENTIFIER_RATE_LIMIT", "2", "saaskit.rate-limit.auth.login-identifier",
                        Long.class, 2L),
                arguments("AUTH_LOGIN_IDENTIFIER_RATE_LIMIT", "-1", "saaskit.rate-limit.auth.login-identifier",
                        Long.class, -1L),
                arguments("AUTH_REGISTER_IP_RATE_LIMIT", "4", "saaskit.rate-limit.auth.register-ip", Long.class, 4L),
                arguments("RATE_LIMIT_STORE", "memory", "saaskit.rate-limit.store", String.class, "memory"),
                arguments("AUDIT_LOG_RETENTION_DAYS", "30", "saaskit.audit.retention", Duration.class,
                        Duration.ofDays(30)),
                arguments("WORKER_CONCURRENCY", "2", "saaskit.worker.concurrency", Integer.class, 2),
                arguments("WORKER_LEASE", "1m", "saaskit.worker.lease", Duration.class, Duration.ofMinutes(1)),
                arguments("WORKER_DISPATCH_INTERVAL", "1s", "saaskit.worker.dispatch-interval", Duration.class,
                        Duration.ofSeconds(1)),
                arguments("SAASKIT_WORKER_ENABLED", "false", "saaskit.worker.enabled", Boolean.class, false),
                arguments("SAASKIT_WEB_ENABLED", "false", "saaskit.web.enabled", Boolean.class, false),
                arguments("SHUTDOWN_TIMEOUT_SEC", "5", "saaskit.shutdown-timeout", Duration.class,
                        Duration.ofSeconds(5)),
                arguments("SHUTDOWN_TIMEOUT_SEC", "5", "spring.lifecycle.timeout-per-shutdown-phase",
                        Duration.class, Duration.ofSeconds(5)),
                arguments("PLAN_OVERRIDE_ENABLED", "false", "saaskit.plans.override-enabled", Boolean.class, false),
                arguments("SAASKIT_SEED_DEMO_DATA", "true", "saaskit.seed.enabled", Boolean.class, true));
    }

    @ParameterizedTest(name = "{0}={1} sets {2}")
    @MethodSource("variables")
    void environmentVariableReachesItsProperty(String variable, String value, String property, Class<?> type,
            Object expected) throws IOException {
        Binder binder = binder(Map.of(variable, value));

        assertThat(binder.bind(property, Bindable.of(type)).get()).isEqualTo(expected);
    }

    static Stream<Arguments> defaults() {
        return Stream.of(arguments("saaskit.environment", String.class, "development"),
                arguments("server.port", Integer.class, 4000),
                arguments("server.shutdown", String.class, "graceful"),
                arguments("saaskit.api-base-url", String.class, "http://localhost:4000"),
                arguments("saaskit.web-base-url", String.class, "http://localhost:3000"),
                arguments("saaskit.auth.provider", String.class, "local"),
                arguments("saaskit.jdbc.pool-max", Integer.class, 10),
                arguments("spring.datasource.hikari.maximum-pool-size", Integer.class, 10),
                arguments("saaskit.jdbc.embedded.dir", String.class, ".saaskit/pgdata"),
                arguments("saaskit.session.ttl", Duration.class, Duration.ofDays(7)),
                arguments("saaskit.session.idle-timeout", Duration.class, Duration.ofHours(24)),
                arguments("saaskit.session.sliding", Boolean.class, true),
                arguments("saaskit.session.max-per-user", Integer.class, 10),
                arguments("saaskit.session.cookie.same-site", String.class, "Lax"),
                arguments("saaskit.scim.default-role", String.class, "MEMBER"),
                arguments("saaskit.invitations.ttl", Duration.class, Duration.ofDays(7)),
                arguments("saaskit.http.max-body-size", DataSize.class, DataSize.ofMegabytes(1)),
                arguments("logging.level.root", String.class, "info"),
                arguments("logging.level.io.saaskit", String.class, "info"),
                arguments("logging.structured.format.console", String.class, "ecs"),
                arguments("saaskit.sentry.enabled", Boolean.class, false),
                arguments("saaskit.demo-mode", Boolean.class, false),
                arguments("saaskit.stripe.enabled", Boolean.class, true),
                arguments("saaskit.stripe.success-url", String.class, "http://localhost:3000/billing/success"),
                arguments("saaskit.stripe.cancel-url", String.class, "http://localhost:3000/billing/cancel"),
                arguments("saaskit.stripe.portal-return-url", String.class, "http://localhost:3000/app/billing"),
                arguments("saaskit.stripe.webhook-tolerance", Duration.class, Duration.ofSeconds(300)),
                arguments("saaskit.stripe.api-base", String.class, "https://api.stripe.com"),
                arguments("saaskit.stripe.max-attempts", Integer.class, 8),
                arguments("saaskit.rate-limit.store", String.class, "auto"),
                arguments("saaskit.rate-limit.api-key.limit", Long.class, 1000L),
                arguments("saaskit.rate-limit.api-key.window", Duration.class, Duration.ofSeconds(60)),
                arguments("saaskit.rate-limit.auth.window", Duration.class, Duration.ofSeconds(60)),
                arguments("saaskit.rate-limit.auth.login-ip", Long.class, 10L),
                arguments("saaskit.rate-limit.auth.login-identifier", Long.class, 5L),
                arguments("saaskit.rate-limit.auth.register-ip", Long.class, 5L),
                arguments("saaskit.audit.retention", Duration.class, Duration.ofDays(365)),
                arguments("saaskit.worker.enabled", Boolean.class, true),
                arguments("saaskit.worker.concurrency", Integer.class, 5),
                arguments("saaskit.worker.lease", Duration.class, Duration.ofMinutes(5)),
                arguments("saaskit.worker.dispatch-interval", Duration.class, Duration.ofSeconds(5)),
                arguments("saaskit.worker.cron.usage-rollup", String.class, "0 0 2 * * *"),
                arguments("saaskit.worker.cron.audit-retention", String.class, "0 30 2 * * *"),
                arguments("saaskit.worker.cron.session-cleanup", String.class, "0 0 * * * *"),
                arguments("saaskit.worker.cron.reconcile", String.class, "0 0 3 * * *"),
                arguments("saaskit.web.enabled", Boolean.class, true),
                arguments("saaskit.shutdown-timeout", Duration.class, Duration.ofSeconds(30)),
                arguments("spring.lifecycle.timeout-per-shutdown-phase", Duration.class, Duration.ofSeconds(30)),
                arguments("saaskit.plans.override-enabled", Boolean.class, true),
                arguments("saaskit.plans.default-plan", String.class, "free"),
                arguments("saaskit.plans.catalogue.free.limits[api_requests]", Long.class, 1000L),
                arguments("saaskit.plans.catalogue.pro.limits[api_requests]", Long.class, 100000L),
                arguments("saaskit.seed.enabled", Boolean.class, false));
    }

    @ParameterizedTest(name = "{0} defaults to {2}")
    @MethodSource("defaults")
    void propertyHasTheDocumentedDefault(String property, Class<?> type, Object expected) throws IOException {
        Binder binder = binder(Map.of());

        assertThat(binder.bind(property, Bindable.of(type)).get()).isEqualTo(expected);
    }

    @Test
    void unsetOptionalValuesAreEmpty() throws IOException {
        Binder binder = binder(Map.of());

        for (String property : List.of("saaskit.jdbc.url", "saaskit.redis.url", "saaskit.session.secret",
                "saaskit.session.cookie.domain", "saaskit.api-keys.pepper", "saaskit.api-keys.previous-pepper",
                "saaskit.admin.token", "saaskit.scim.bearer-token", "saaskit.stripe.api-key",
                "saaskit.stripe.webhook-secret", "saaskit.plans.catalogue.pro.stripe-price-id", "sentry.dsn")) {
            assertThat(binder.bind(property, String.class).orElse("")).as(property).isEmpty();
        }
        assertThat(binder.bind("saaskit.session.cookie.secure", Boolean.class).isBound())
                .as("COOKIE_SECURE unset leaves the production-dependent default to the starter").isFalse();
        assertThat(binder.bind("saaskit.http.trusted-proxies", Bindable.listOf(String.class))
                .orElse(List.of())).isEmpty();
    }

    @Test
    void saaskitEnvironmentWinsOverNodeEnv() throws IOException {
        Binder binder = binder(Map.of("NODE_ENV", "production", "SAASKIT_ENVIRONMENT", "test"));

        assertThat(binder.bind("saaskit.environment", String.class).get()).isEqualTo("test");
    }

    @Test
    void stripeReturnUrlsFollowWebBaseUrl() throws IOException {
        Binder binder = binder(Map.of("WEB_BASE_URL", "https://app.example.com"));

        assertThat(binder.bind("saaskit.stripe.success-url", String.class).get())
                .isEqualTo("https://app.example.com/billing/success");
        assertThat(binder.bind("saaskit.stripe.portal-return-url", String.class).get())
                .isEqualTo("https://app.example.com/app/billing");
    }

    @Test
    void trustedProxiesAreACommaSeparatedList() throws IOException {
        Binder binder = binder(Map.of("TRUSTED_PROXIES", "10.0.0.0/8,192.168.0.0/16"));

        assertThat(binder.bind("saaskit.http.trusted-proxies", Bindable.listOf(String.class)).get())
                .containsExactly("10.0.0.0/8", "192.168.0.0/16");
    }

    @Test
    void relaxedBindingOfSaaskitPropertiesWinsOverTheMapping() throws IOException {
        Binder binder = binder(Map.of("AUTH_LOGIN_IP_RATE_LIMIT", "7", "SAASKIT_RATE_LIMIT_AUTH_LOGIN_IP", "9"));

        assertThat(binder.bind("saaskit.rate-limit.auth.login-ip", Long.class).get()).isEqualTo(9L);
    }

    @Test
    void nonNumericValuesFailInsteadOfFallingBackToDefaults() throws IOException {
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> binder(Map.of("SESSION_MAX_PER_USER", "ten"))
                .bind("saaskit.session.max-per-user", Integer.class));
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> binder(Map.of("SESSION_TTL_DAYS", "seven"))
                .bind("saaskit.session.ttl", Duration.class));
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> binder(Map.of("SESSION_TTL_DAYS", "1.5"))
                .bind("saaskit.session.ttl", Duration.class));
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> binder(Map.of("API_PORT", "http"))
                .bind("server.port", Integer.class));
    }

    @Test
    void invalidBooleansFailInsteadOfFallingBackToDefaults() throws IOException {
        assertThatExceptionOfType(BindException.class)
                .isThrownBy(() -> binder(Map.of("SESSION_SLIDING_ENABLED", "maybe"))
                        .bind("saaskit.session.sliding", Boolean.class));
        assertThatExceptionOfType(BindException.class).isThrownBy(() -> binder(Map.of("DEMO_MODE", "yes please"))
                .bind("saaskit.demo-mode", Boolean.class));
    }

    @Test
    void plainLogsProfileSwitchesStructuredLoggingOff() throws IOException {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"));

        assertThat(documents).hasSize(2);
        assertThat(documents.get(1).getProperty("spring.config.activate.on-profile")).hasToString("plain-logs");
        assertThat(documents.get(1).getProperty("logging.structured.format.console")).hasToString("");
    }

    private static Binder binder(Map<String, Object> variables) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        MutablePropertySources sources = environment.getPropertySources();
        sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        sources.addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application.yml",
                new ClassPathResource("application.yml"));
        sources.addLast(documents.get(0));
        return Binder.get(environment);
    }
}
