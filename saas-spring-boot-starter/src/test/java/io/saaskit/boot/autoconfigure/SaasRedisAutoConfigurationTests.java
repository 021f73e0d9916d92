package io.saaskit.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.saaskit.adapters.redis.RedisApiKeyRevocationChannel;
import io.saaskit.adapters.redis.RedisConnections;
import io.saaskit.adapters.redis.RedisQuotaCounter;
import io.saaskit.adapters.redis.RedisWriteGate;
import io.saaskit.adapters.redis.RedisRateLimiter;
import io.saaskit.adapters.redis.RedisReadinessProbe;
import io.saaskit.adapters.redis.RedisSettings;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.identity.port.PasswordHasher;
import io.saaskit.core.identity.port.SessionRepository;
import io.saaskit.core.identity.port.UserRepository;
import io.saaskit.core.membership.port.MembershipRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemorySessionRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.QuotaDecision;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.ratelimit.InProcessRateLimiter;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.port.ReadinessProbe;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.FastPasswordHasher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The conditions, binding and back-off of {@link SaasRedisAutoConfiguration} and the rate-limit store selection it
 * takes part in, with the core on in-memory ports. Redis is a loopback port where nothing listens: the adapter must
 * start without Redis anyway, so wiring needs no server. {@code SaasRedisAutoConfigurationIT} covers a real Redis and
 * the PostgreSQL store.
 */
class SaasRedisAutoConfigurationTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    private static final String REDIS_ADAPTER_PACKAGE = "io.saaskit.adapters.redis";

    private static final String UNREACHABLE = "saaskit.redis.url=" + TestRedis.unreachableUrl();

    private static final RateLimitRule RULE = new RateLimitRule("auth_login_ip", 3, Duration.ofSeconds(60));

    /** Redis and the core, the core's persistence ports in memory; declared out of order on purpose. */
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class,
                    SaasRedisAutoConfiguration.class))
            .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
            .withBean(UserRepository.class, InMemoryUserRepository::new)
            .withBean(SessionRepository.class, InMemorySessionRepository::new)
            .withBean(OrganizationRepository.class, InMemoryOrganizationRepository::new)
            .withBean(MembershipRepository.class,
                    () -> new InMemoryMembershipRepository(new InMemoryUserRepository(),
                            new InMemoryOrganizationRepository()))
            .withBean(AuditSink.class, InMemoryAuditSink::new)
            .withBean(PasswordHasher.class, FastPasswordHasher::new)
            .withPropertyValues("saaskit.session.secret=" + SECRET);

    @Test
    void withoutAUrlNoRedisBeanExistsAndTheCoreFallsBackToTheInProcessLimiter() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(SaasRedisAutoConfiguration.class);
            assertThat(context).doesNotHaveBean(RedisConnections.class);
            assertThat(context).doesNotHaveBean(ApiKeyRevocationChannel.class);
            assertThat(context).doesNotHaveBean(QuotaCounter.class);
            assertThat(context).doesNotHaveBean(WriteGate.class);
            assertThat(context).doesNotHaveBean(ReadinessProbe.class);
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(InProcessRateLimiter.class);
        });
    }

    @Test
    void aBlankUrlCountsAsUnset() {
        this.runner.withPropertyValues("saaskit.redis.url=  ").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisConnections.class);
        });
    }

    @Test
    void withAUrlEveryRedisBeanIsCreatedAndTakesThePortsOverFromTheFallbacks() {
        this.runner.withPropertyValues(UNREACHABLE).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(RedisConnections.class).hasBean("saasRedisConnections");
            assertThat(context).getBean(RateLimiter.class).isInstanceOf(RedisRateLimiter.class);
            assertThat(context).hasBean("saasRedisRateLimiter").doesNotHaveBean("saasRateLimiter");
            assertThat(context).getBean(ApiKeyRevocationChannel.class)
                    .isInstanceOf(RedisApiKeyRevocationChannel.class);
            assertThat(context).getBean(QuotaCounter.class).isInstanceOf(RedisQuotaCounter.class);
            assertThat(context).getBean(WriteGate.class).isInstanceOf(RedisWriteGate.class);
            assertThat(context).getBeans(ReadinessProbe.class).containsOnlyKeys("saasRedisReadinessProbe");
            assertThat(context.getBean(ReadinessProbe.class).name()).isEqualTo("redis");
        });
    }

    @Test
    void theSettingsAreBoundFromTheProperties() {
        this.runner.withPropertyValues(UNREACHABLE, "saaskit.redis.key-prefix=acme:",
                "saaskit.redis.command-timeout=250ms").run((context) -> {
                    RedisSettings settings = context.getBean(RedisConnections.class).settings();
                    assertThat(settings.keyPrefix()).isEqualTo("acme:");
                    assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMillis(250));
                    assertThat(context.getBean(RedisApiKeyRevocationChannel.class).channel())
                            .isEqualTo("acme:apikey-revoked");
                });
    }

    @Test
    void theDefaultsAreTheSaaskitPrefixAOneSecondTimeoutAndFailOpen() {
        this.runner.withPropertyValues(UNREACHABLE).run((context) -> {
            assertThat(context.getBean(RedisConnections.class).settings().keyPrefix()).isEqualTo("saaskit:");
            assertThat(context.getBean(RedisConnections.class).settings().commandTimeout())
                    .isEqualTo(Duration.ofSeconds(1));
            assertThat(context.getBean(SaasRateLimitProperties.class).failOpen()).isTrue();
            assertThat(context.getBean(RateLimiter.class).hit(RULE, "auth_login_ip:00"))
                    .isEqualTo(new RateLimitDecision.Allowed(RULE, 2, RULE.window()));
        });
    }

    @Test
    void failOpenFalseMakesAnUnreachableRedisRefuseWithServiceUnavailable() {
        this.runner.withPropertyValues(UNREACHABLE, "saaskit.rate-limit.fail-open=false").run((context) -> {
            RateLimiter limiter = context.getBean(RateLimiter.class);
            assertThatExceptionOfType(ServiceUnavailableException.class)
                    .isThrownBy(() -> limiter.hit(RULE, "auth_login_ip:00"));
        });
    }

    @Test
    void theQuotaCounterRefusesToGuessWhileRedisIsUnreachable() {
        this.runner.withPropertyValues(UNREACHABLE).run((context) -> {
            QuotaCounter counter = context.getBean(QuotaCounter.class);
            assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(() -> counter.tryConsume(
                    new OrgId(UUID.randomUUID()), "api_requests",
                    Period.calendarMonthOf(Instant.now()), 1, 10));
        });
    }

    @Test
    void storeMemoryKeepsTheInProcessLimiterButRedisServesTheOtherPorts() {
        this.runner.withPropertyValues(UNREACHABLE, "saaskit.rate-limit.store=memory").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(InProcessRateLimiter.class);
            assertThat(context).hasSingleBean(RedisApiKeyRevocationChannel.class);
            assertThat(context).hasSingleBean(RedisQuotaCounter.class);
        });
    }

    @Test
    void storeRedisIsMatchedWhateverItsCase() {
        this.runner.withPropertyValues(UNREACHABLE, "saaskit.rate-limit.store=REDIS")
                .run((context) -> assertThat(context.getBean(RateLimiter.class)).isInstanceOf(RedisRateLimiter.class));
    }

    @Test
    void storeRedisWithoutAUrlFailsStartupNamingTheMissingUrl() {
        this.runner.withPropertyValues("saaskit.rate-limit.store=redis").run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getProperty()).isEqualTo("saaskit.rate-limit.store");
            assertThat(failure.getReason()).isEqualTo("is redis, but saaskit.redis.url (REDIS_URL) is not set");
            assertThat(failure.getAction()).startsWith("Set saaskit.redis.url");
        });
    }

    @Test
    void storeRedisWithTheAdapterSwitchedOffFailsStartupNamingTheSwitch() {
        this.runner.withPropertyValues(UNREACHABLE, "saaskit.redis.enabled=false", "saaskit.rate-limit.store=redis")
                .run((context) -> assertThat(invalidProperty(context).getReason())
                        .isEqualTo("is redis, but saaskit.redis.enabled is false"));
    }

    @Test
    void storeRedisWithoutTheAdapterJarFailsStartupNamingTheJar() {
        this.runner.withClassLoader(new FilteredClassLoader(REDIS_ADAPTER_PACKAGE))
                .withPropertyValues(UNREACHABLE, "saaskit.rate-limit.store=redis")
                .run((context) -> assertThat(invalidProperty(context).getReason())
                        .isEqualTo("is redis, but io.saaskit:saas-adapters-redis is not on the class path"));
    }

    @Test
    void storePostgresWithoutThePostgresAdapterFailsStartup() {
        this.runner.withPropertyValues("saaskit.rate-limit.store=postgres").run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getReason())
                    .isEqualTo("is postgres, but the PostgreSQL adapter provides no rate limiter");
            assertThat(failure.getAction()).contains("io.saaskit:saas-adapters-jdbc");
        });
    }

    @Test
    void aKeyPrefixWithBracesFailsStartupNamingThePrefix() {
        this.runner.withPropertyValues(UNREACHABLE, "saaskit.redis.key-prefix={app}:")
                .run((context) -> assertThat(invalidProperty(context).getProperty())
                        .isEqualTo("saaskit.redis.key-prefix"));
    }

    @Test
    void switchedOffByPropertyTheAdapterDefinesNothing() {
        this.runner.withPropertyValues(UNREACHABLE, "saaskit.redis.enabled=false").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(RedisConnections.class);
            assertThat(context.getBean(RateLimiter.class)).isInstanceOf(InProcessRateLimiter.class);
        });
    }

    @Test
    void withoutTheAdapterJarNothingIsDefined() {
        this.runner.withClassLoader(new FilteredClassLoader(REDIS_ADAPTER_PACKAGE)).withPropertyValues(UNREACHABLE)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SaasRedisAutoConfiguration.class);
                    assertThat(context.getBean(RateLimiter.class)).isInstanceOf(InProcessRateLimiter.class);
                });
    }

    @Test
    void anInvalidUrlFailsStartupWithoutRepeatingIt() {
        this.runner.withPropertyValues("saaskit.redis.url=http://user:hunter2-secret@cache.internal").run((context) -> {
            InvalidSaasPropertyException failure = invalidProperty(context);
            assertThat(failure.getProperty()).isEqualTo("saaskit.redis.url");
            assertThat(failure.getReason()).isEqualTo("The Redis URL must start with redis:// or rediss://");
            assertThat(failure.getMessage()).doesNotContain("hunter2-secret");
        });
        this.runner.withPropertyValues("saaskit.redis.url=redis://user:hunter2 secret@cache internal")
                .run((context) -> {
                    InvalidSaasPropertyException failure = invalidProperty(context);
                    assertThat(failure.getProperty()).isEqualTo("saaskit.redis.url");
                    assertThat(failure.getMessage() + failure.getAction()).doesNotContain("hunter2");
                });
    }

    static Stream<Arguments> ports() {
        return Stream.of(
                port(RateLimiter.class, () -> new InProcessRateLimiter(Clock.systemUTC()), "saasRedisRateLimiter"),
                port(ApiKeyRevocationChannel.class, OwnChannel::new, "saasApiKeyRevocationChannel"),
                port(QuotaCounter.class, OwnCounter::new, "saasQuotaCounter"),
                port(WriteGate.class, () -> new InMemoryWriteGate(Clock.systemUTC()), "saasWriteGate"),
                port(RedisReadinessProbe.class, () -> new RedisReadinessProbe(closedConnections()),
                        "saasRedisReadinessProbe"),
                port(RedisConnections.class, SaasRedisAutoConfigurationTests::closedConnections,
                        "saasRedisConnections"));
    }

    private static RedisConnections closedConnections() {
        RedisConnections connections = new RedisConnections(RedisSettings.of(TestRedis.unreachableUrl()));
        connections.close();
        return connections;
    }

    private static <T> Arguments port(Class<T> type, Supplier<? extends T> own, String ours) {
        return Arguments.of(type, own, ours);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ports")
    @SuppressWarnings("unchecked")
    <T> void eachBeanBacksOffWhenTheApplicationDefinesItsOwn(Class<T> type, Supplier<T> own, String ours) {
        this.runner.withPropertyValues(UNREACHABLE).withBean("applications", type, own).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ours);
            assertThat(context.getBean(type)).isSameAs(context.getBean("applications"));
        });
    }

    private static InvalidSaasPropertyException invalidProperty(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        Throwable failure = context.getStartupFailure();
        while (failure != null && !(failure instanceof InvalidSaasPropertyException)) {
            failure = failure.getCause();
        }
        assertThat(failure).as("an InvalidSaasPropertyException in %s", context.getStartupFailure())
                .isInstanceOf(InvalidSaasPropertyException.class);
        return (InvalidSaasPropertyException) failure;
    }

    /** An application's own revocation channel. */
    private static final class OwnChannel implements ApiKeyRevocationChannel {

        @Override
        public void publish(ApiKeyId keyId) {
        }

        @Override
        public void subscribe(Consumer<ApiKeyId> listener) {
        }
    }

    /** An application's own quota counter. */
    private static final class OwnCounter implements QuotaCounter {

        @Override
        public QuotaDecision tryConsume(OrgId orgId, String metric, Period period, long quantity, long limit) {
            return new QuotaDecision.Admitted(quantity);
        }

        @Override
        public void initialize(OrgId orgId, String metric, Period period, long used) {
        }

        @Override
        public void release(OrgId orgId, String metric, Period period, long quantity) {
        }
    }
}
