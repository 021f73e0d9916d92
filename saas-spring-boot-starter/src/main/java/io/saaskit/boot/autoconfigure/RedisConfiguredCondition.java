package io.saaskit.boot.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when Redis is configured: {@code saaskit.redis.url} is set and not blank, and {@code saaskit.redis.enabled}
 * is not {@code false}. A blank URL counts as unset because the example app maps an unset {@code REDIS_URL} to an
 * empty value, which {@code @ConditionalOnProperty} would take as set.
 */
final class RedisConfiguredCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Environment environment = context.getEnvironment();
        if (!hasUrl(environment)) {
            return ConditionOutcome.noMatch(SaasRedisProperties.URL_PROPERTY + " is not set");
        }
        if (isSwitchedOff(environment)) {
            return ConditionOutcome.noMatch(SaasRedisProperties.ENABLED_PROPERTY + " is false");
        }
        return ConditionOutcome.match(SaasRedisProperties.URL_PROPERTY + " is set");
    }

    /**
     * Whether a Redis URL is configured.
     * @param environment the environment
     * @return true when the URL is set and not blank
     */
    static boolean hasUrl(Environment environment) {
        String url = environment.getProperty(SaasRedisProperties.URL_PROPERTY);
        return url != null && !url.isBlank();
    }

    /**
     * Whether the Redis adapter is switched off.
     * @param environment the environment
     * @return true when {@code saaskit.redis.enabled} is false
     */
    static boolean isSwitchedOff(Environment environment) {
        return "false".equalsIgnoreCase(environment.getProperty(SaasRedisProperties.ENABLED_PROPERTY, "").trim());
    }
}
