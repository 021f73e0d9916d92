package io.saaskit.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;

import io.saaskit.adapters.redis.RedisApiKeyRevocationChannel;
import io.saaskit.adapters.redis.RedisConnections;
import io.saaskit.adapters.redis.RedisQuotaCounter;
import io.saaskit.adapters.redis.RedisRateLimiter;
import io.saaskit.adapters.redis.RedisWriteGate;
import io.saaskit.adapters.redis.RedisReadinessProbe;
import io.saaskit.adapters.redis.RedisSettings;
import io.saaskit.boot.autoconfigure.SaasRateLimitProperties.Store;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.metering.port.QuotaCounter;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.shared.port.WriteGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;

/**
 * Auto-configuration of the Redis adapter: the shared connections, the Redis rate limiter, the API key revocation
 * channel over pub/sub, the quota counter, and the {@code redis} readiness probe.
 *
 * <p>Active when {@code io.saaskit:saas-adapters-redis} is on the class path, {@code saaskit.redis.url} (the example
 * app's {@code REDIS_URL}) is set and not blank, and {@code saaskit.redis.enabled} is not {@code false}. It runs
 * before every other saaskit auto-configuration, so the PostgreSQL and in-process implementations of the same ports
 * back off; each port bean backs off in turn when the application defines its own. The rate limiter is offered only
 * for {@code saaskit.rate-limit.store} {@code auto} (the default) or {@code redis}.
 *
 * <p>Redis being unreachable does not stop startup: the connections keep retrying in the background, the probe
 * reports {@code down} (so {@code /ready} answers 503), and rate limits fail open unless
 * {@code saaskit.rate-limit.fail-open=false}. The connections are closed when the context closes.
 */
@AutoConfiguration(before = { SaasJdbcAutoConfiguration.class, SaasCoreAutoConfiguration.class })
@AutoConfigureOrder(Ordered.HIGHEST_PRECEDENCE + 100)
@ConditionalOnClass(RedisConnections.class)
@Conditional(RedisConfiguredCondition.class)
@EnableConfigurationProperties({ SaasRedisProperties.class, SaasRateLimitProperties.class })
public final class SaasRedisAutoConfiguration {

    private static final Logger logger = LoggerFactory.getLogger(SaasRedisAutoConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(RedisConnections.class)
    RedisConnections saasRedisConnections(SaasRedisProperties properties) {
        RedisSettings settings = settings(properties);
        logger.info("Using Redis at {}{} for rate limits, API key revocations and quotas", settings.endpoint(),
                settings.tls() ? " (TLS)" : "");
        return new RedisConnections(settings);
    }

    private static RedisSettings settings(SaasRedisProperties properties) {
        String url = (properties.url() != null) ? properties.url().trim() : "";
        String action = "Use redis://[[user]:password@]host[:port][/database], or rediss://... for TLS.";
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException ex) {
            // Neither the value nor the parser's message (which quotes it) is repeated: it may hold the password.
            throw new InvalidSaasPropertyException(SaasRedisProperties.URL_PROPERTY, "is not a valid URL", action);
        }
        try {
            return new RedisSettings(uri, properties.keyPrefix(), properties.commandTimeout());
        }
        catch (IllegalArgumentException ex) {
            // The adapter's messages name the offending setting and never quote the URL.
            String message = String.valueOf(ex.getMessage());
            String property = message.contains("prefix") ? "saaskit.redis.key-prefix"
                    : message.contains("timeout") ? "saaskit.redis.command-timeout" : SaasRedisProperties.URL_PROPERTY;
            boolean isUrl = property.equals(SaasRedisProperties.URL_PROPERTY);
            throw new InvalidSaasPropertyException(property, message, isUrl ? action : "Change " + property + ".");
        }
    }

    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    @ConditionalOnRateLimitStore({ Store.AUTO, Store.REDIS })
    RedisRateLimiter saasRedisRateLimiter(RedisConnections connections, SaasRateLimitProperties rateLimit) {
        return new RedisRateLimiter(connections, rateLimit.failOpen());
    }

    @Bean
    @ConditionalOnMissingBean(ApiKeyRevocationChannel.class)
    RedisApiKeyRevocationChannel saasApiKeyRevocationChannel(RedisConnections connections) {
        return new RedisApiKeyRevocationChannel(connections);
    }

    @Bean
    @ConditionalOnMissingBean(QuotaCounter.class)
    RedisQuotaCounter saasQuotaCounter(RedisConnections connections, ObjectProvider<Clock> clock) {
        return new RedisQuotaCounter(connections, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean(WriteGate.class)
    RedisWriteGate saasWriteGate(RedisConnections connections) {
        return new RedisWriteGate(connections);
    }

    // ReadinessProbe is a collection port: each probe backs off on its own type (see SaasJdbcAutoConfiguration).

    @Bean
    @ConditionalOnMissingBean(RedisReadinessProbe.class)
    RedisReadinessProbe saasRedisReadinessProbe(RedisConnections connections) {
        return new RedisReadinessProbe(connections);
    }
}
