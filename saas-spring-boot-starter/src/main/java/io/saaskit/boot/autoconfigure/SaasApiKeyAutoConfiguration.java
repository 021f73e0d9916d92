package io.saaskit.boot.autoconfigure;

import java.time.Clock;

import io.saaskit.boot.apikey.CaffeineApiKeyCache;
import io.saaskit.core.apikey.ApiKeyService;
import io.saaskit.core.apikey.ApiKeySettings;
import io.saaskit.core.apikey.InProcessApiKeyRevocationChannel;
import io.saaskit.core.apikey.port.ApiKeyCache;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.ratelimit.ApiKeyRateLimitService;
import io.saaskit.core.ratelimit.ApiKeyRateLimitSettings;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of API keys: the {@link ApiKeyService}, the per-key rate limit (scope {@code api_key}), the
 * Caffeine cache of verified keys, and an in-process revocation channel when neither Redis nor PostgreSQL provides
 * one.
 *
 * <p>The persistence ports ({@link ApiKeyRepository}, {@link AuditSink}) come from an adapter auto-configuration,
 * which runs first, or from the application; when one is missing, startup fails with a message naming the jar to add
 * or the bean to define. The pepper is required in production (at least 32 characters). Every bean backs off when
 * the application defines one of the same type.
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class,
        afterName = "io.saaskit.boot.autoconfigure.SaasRedisAutoConfiguration")
@EnableConfigurationProperties({ SaasProperties.class, SaasApiKeyProperties.class, SaasRateLimitProperties.class })
public final class SaasApiKeyAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(SaasApiKeyAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(ApiKeySettings.class)
    ApiKeySettings saasApiKeySettings(SaasProperties saas, SaasApiKeyProperties properties) {
        return ApiKeySettingsResolver.resolve(saas.isProduction(), properties);
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyCache.class)
    CaffeineApiKeyCache saasApiKeyCache() {
        return new CaffeineApiKeyCache();
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyRevocationChannel.class)
    InProcessApiKeyRevocationChannel saasInProcessApiKeyRevocationChannel() {
        logger.info("API key revocations are announced in this process only (neither Redis nor PostgreSQL "
                + "notifications are configured): other instances notice them when their cache entries expire");
        return new InProcessApiKeyRevocationChannel();
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyService.class)
    ApiKeyService saasApiKeyService(ApiKeyRepository keys, ApiKeyCache cache, ApiKeyRevocationChannel revocations,
            AuditSink audit, TransactionRunner transactions, WriteGate gate, Clock clock, ApiKeySettings settings) {
        ApiKeyService service = new ApiKeyService(keys, cache, revocations, audit, transactions, gate, clock,
                settings);
        logger.info("API keys are hashed under pepper version {}{}", service.pepperVersion(),
                (settings.previousPepper() != null) ? ", with a previous pepper for rotation" : "");
        return service;
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyRateLimitSettings.class)
    ApiKeyRateLimitSettings saasApiKeyRateLimitSettings(SaasRateLimitProperties rateLimit) {
        return new ApiKeyRateLimitSettings(rateLimit.apiKey().limit(), rateLimit.apiKey().window());
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyRateLimitService.class)
    ApiKeyRateLimiter saasApiKeyRateLimiter(RateLimiter limiter, Clock clock, SaasRateLimitProperties rateLimit) {
        return ApiKeyRateLimiter.of(limiter, clock, rateLimit.apiKey().syncInterval());
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyRateLimitService.class)
    ApiKeyRateLimitService saasApiKeyRateLimitService(ApiKeyRateLimiter limiter, ApiKeyRateLimitSettings settings) {
        return new ApiKeyRateLimitService(limiter.limiter(), settings);
    }
}
