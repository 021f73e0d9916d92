package io.saaskit.boot.autoconfigure;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.saaskit.boot.apikey.CaffeineApiKeyCache;
import io.saaskit.core.apikey.ApiKeyService;
import io.saaskit.core.apikey.ApiKeySettings;
import io.saaskit.core.apikey.InProcessApiKeyRevocationChannel;
import io.saaskit.core.apikey.port.ApiKeyCache;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.memory.InMemoryApiKeyCache;
import io.saaskit.core.memory.InMemoryApiKeyRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.ratelimit.ApiKeyRateLimitService;
import io.saaskit.core.ratelimit.ApiKeyRateLimitSettings;
import io.saaskit.core.ratelimit.InProcessRateLimiter;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.ratelimit.ReconcilingRateLimiter;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SaasApiKeyAutoConfigurationTests {

    private static final String PEPPER = "configured-pepper-0123456789abcdefghijklmnop";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SaasApiKeyJdbcAutoConfiguration.class,
                    SaasApiKeyAutoConfiguration.class))
            .withBean(Clock.class, MutableClock::new)
            .withBean(RateLimiter.class, () -> new InProcessRateLimiter(Clock.systemUTC()))
            .withBean(TransactionRunner.class, InMemoryTransactionRunner::new)
            .withBean(WriteGate.class, () -> new InMemoryWriteGate(Clock.systemUTC()));

    /** The auto-configuration with the persistence ports provided in memory. */
    private ApplicationContextRunner withPorts() {
        return this.runner.withBean(ApiKeyRepository.class, InMemoryApiKeyRepository::new)
                .withBean(AuditSink.class, InMemoryAuditSink::new);
    }

    /** A data source that must never be used: any call fails. */
    private static DataSource untouchableDataSource() {
        return (DataSource) Proxy.newProxyInstance(SaasApiKeyAutoConfigurationTests.class.getClassLoader(),
                new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
                    if (method.getName().equals("toString")) {
                        return "untouchableDataSource";
                    }
                    throw new AssertionError("The data source was used: " + method);
                });
    }

    @Test
    void defaultConfigurationCreatesEveryApiKeyBean(CapturedOutput output) {
        withPorts().run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(ApiKeyService.class);
            assertThat(context).hasSingleBean(ApiKeyRateLimitService.class);
            assertThat(context.getBean(ApiKeyCache.class)).isInstanceOf(CaffeineApiKeyCache.class);
            assertThat(context.getBean(ApiKeyRevocationChannel.class))
                    .isInstanceOf(InProcessApiKeyRevocationChannel.class);
            assertThat(context.getBean(ApiKeyRateLimitSettings.class))
                    .isEqualTo(new ApiKeyRateLimitSettings(1000, Duration.ofSeconds(60)));
            assertThat(context.getBean(ApiKeyRateLimitService.class).rule())
                    .isEqualTo(new RateLimitRule("api_key", 1000, Duration.ofSeconds(60)));
            assertThat(context.getBean(ApiKeySettings.class).pepper())
                    .isEqualTo(ApiKeySettingsResolver.DEVELOPMENT_PEPPER);
        });
        assertThat(output).contains("No API key pepper is configured")
                .contains("API key revocations are announced in this process only")
                .doesNotContain(ApiKeySettingsResolver.DEVELOPMENT_PEPPER);
    }

    @Test
    void propertiesAreBound(CapturedOutput output) {
        withPorts().withPropertyValues("saaskit.api-keys.pepper=" + PEPPER,
                "saaskit.api-keys.previous-pepper=previous-pepper-0123456789",
                "saaskit.rate-limit.api-key.limit=25", "saaskit.rate-limit.api-key.window=30s").run((context) -> {
                    ApiKeySettings settings = context.getBean(ApiKeySettings.class);
                    assertThat(settings.pepper()).isEqualTo(PEPPER);
                    assertThat(settings.previousPepper()).isEqualTo("previous-pepper-0123456789");
                    assertThat(context.getBean(ApiKeyRateLimitSettings.class))
                            .isEqualTo(new ApiKeyRateLimitSettings(25, Duration.ofSeconds(30)));
                    assertThat(context.getBean(SaasApiKeyProperties.class).toString()).doesNotContain(PEPPER);
                });
        assertThat(output).contains("API keys are hashed under pepper version").doesNotContain(PEPPER)
                .doesNotContain("No API key pepper is configured");
    }

    @Test
    void apiKeyScopeCountsLocallyAndReconcilesWithASharedStore() {
        RateLimiter shared = new SharedStandIn();
        withPorts().withBean("sharedStandIn", RateLimiter.class, () -> shared, (definition) -> definition
                .setPrimary(true)).run((context) -> {
                    RateLimiter apiKeyLimiter = context.getBean(ApiKeyRateLimiter.class).limiter();
                    assertThat(apiKeyLimiter).isInstanceOf(ReconcilingRateLimiter.class);
                    assertThat(context.getBean(RateLimiter.class)).isSameAs(shared);
                });
    }

    @Test
    void zeroSyncIntervalKeepsTheApiKeyScopeExactPerRequest() {
        RateLimiter shared = new SharedStandIn();
        withPorts().withBean("sharedStandIn", RateLimiter.class, () -> shared, (definition) -> definition
                .setPrimary(true)).withPropertyValues("saaskit.rate-limit.api-key.sync-interval=0")
                .run((context) -> assertThat(context.getBean(ApiKeyRateLimiter.class).limiter()).isSameAs(shared));
    }

    @Test
    void anInProcessStoreIsNotWrapped() {
        withPorts().run((context) -> assertThat(context.getBean(ApiKeyRateLimiter.class).limiter())
                .isInstanceOf(InProcessRateLimiter.class));
    }

    @Test
    void eachBeanBacksOffForTheApplicationsOwn() {
        InMemoryApiKeyCache cache = new InMemoryApiKeyCache(Clock.systemUTC(), Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        ApiKeyRevocationChannel channel = new InProcessApiKeyRevocationChannel();
        ApiKeySettings settings = new ApiKeySettings(PEPPER, null);
        withPorts().withBean(ApiKeyCache.class, () -> cache).withBean(ApiKeyRevocationChannel.class, () -> channel)
                .withBean(ApiKeySettings.class, () -> settings)
                .withBean(ApiKeyRateLimitSettings.class, () -> new ApiKeyRateLimitSettings(7, Duration.ofSeconds(7)))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ApiKeyCache.class)).isSameAs(cache);
                    assertThat(context.getBean(ApiKeyRevocationChannel.class)).isSameAs(channel);
                    assertThat(context.getBean(ApiKeySettings.class)).isSameAs(settings);
                    assertThat(context.getBean(ApiKeyRateLimitService.class).rule().limit()).isEqualTo(7);
                });
    }

    @Test
    void productionRequiresAPepperOfThirtyTwoCharacters() {
        withPorts().withPropertyValues("saaskit.environment=production").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSaasPropertyException.class)
                    .hasMessage("Invalid saaskit.api-keys.pepper: An API key pepper is required in production.");
        });
        withPorts().withPropertyValues("saaskit.environment=production", "saaskit.api-keys.pepper=short-secret-1234")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidSaasPropertyException.class)
                            .hasMessageContaining("at least 32 characters in production")
                            .hasMessageNotContaining("short-secret-1234");
                });
        withPorts().withPropertyValues("saaskit.environment=production", "saaskit.api-keys.pepper=" + PEPPER)
                .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void outsideProductionAPepperOfSixteenCharactersIsTheMinimum() {
        withPorts().withPropertyValues("saaskit.api-keys.pepper=fifteen-chars-x").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(InvalidSaasPropertyException.class)
                    .hasMessageContaining("at least 16 characters").hasMessageNotContaining("fifteen-chars-x");
        });
        withPorts().withPropertyValues("saaskit.api-keys.pepper=" + PEPPER,
                "saaskit.api-keys.previous-pepper=too-short").run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .isInstanceOf(InvalidSaasPropertyException.class)
                            .hasMessageStartingWith("Invalid saaskit.api-keys.previous-pepper")
                            .hasMessageNotContaining("too-short");
                });
    }

    @Test
    void withoutAnApiKeyRepositoryStartupFailsNamingTheJdbcAdapter() {
        this.runner.withBean(AuditSink.class, InMemoryAuditSink::new).run((context) -> {
            FailureAnalysis analysis = SaasCoreAutoConfigurationTests.analyze(context, getClass().getClassLoader(),
                    new MockEnvironment());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).startsWith("saaskit needs a bean of type '"
                    + ApiKeyRepository.class.getName() + "' (required by bean 'saasApiKeyService')");
            assertThat(analysis.getAction()).contains("io.saaskit:saas-adapters-jdbc");
        });
    }

    @Test
    void withoutTheJdbcAdapterTheInProcessChannelIsUsed() {
        withPorts().withClassLoader(new FilteredClassLoader("io.saaskit.adapters.jdbc"))
                .withBean(DataSource.class, SaasApiKeyAutoConfigurationTests::untouchableDataSource)
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SaasApiKeyJdbcAutoConfiguration.class);
                    assertThat(context.getBean(ApiKeyRevocationChannel.class))
                            .isInstanceOf(InProcessApiKeyRevocationChannel.class);
                });
    }

    @Test
    void withTheJdbcAdapterSwitchedOffTheInProcessChannelIsUsed() {
        withPorts().withBean(DataSource.class, SaasApiKeyAutoConfigurationTests::untouchableDataSource)
                .withPropertyValues("saaskit.jdbc.enabled=false").run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(SaasApiKeyJdbcAutoConfiguration.class);
                    assertThat(context.getBean(ApiKeyRevocationChannel.class))
                            .isInstanceOf(InProcessApiKeyRevocationChannel.class);
                });
    }

    /** Stands for a shared store (Redis, PostgreSQL): any limiter that is not the in-process one. */
    private static final class SharedStandIn implements RateLimiter {

        private final InProcessRateLimiter delegate = new InProcessRateLimiter(Clock.systemUTC());

        @Override
        public RateLimitDecision hit(RateLimitRule rule, String bucketKey) {
            return this.delegate.hit(rule, bucketKey);
        }

        @Override
        public RateLimitDecision hit(RateLimitRule rule, String bucketKey, long hits) {
            return this.delegate.hit(rule, bucketKey, hits);
        }
    }
}
