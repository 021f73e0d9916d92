package io.saaskit.boot.autoconfigure;

import io.saaskit.boot.autoconfigure.SaasRateLimitProperties.Store;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * How {@code saaskit.rate-limit.store} picks the {@link io.saaskit.core.ratelimit.port.RateLimiter}, and what is
 * said about it at startup.
 *
 * <p>The adapter auto-configurations run first and each offers its limiter for the store values it serves: Redis for
 * {@code auto} and {@code redis} when {@code saaskit.redis.url} is set, PostgreSQL for {@code auto} and
 * {@code postgres}. The core's in-process limiter is the fallback. Reaching the fallback with {@code redis} or
 * {@code postgres} means the requested store is not available, which fails startup with a message saying what is
 * missing; with {@code auto} (no Redis, no PostgreSQL adapter) counters stay per process, with a warning.
 */
final class RateLimitStoreSelection {

    /** Logged once at startup when PostgreSQL takes Redis's place (product spec §7.6). */
    static final String REDIS_NOT_CONFIGURED = "Redis not configured: using PostgreSQL job queue and rate-limit store";

    private static final String STORE_PROPERTY = "saaskit.rate-limit.store";

    private static final String REDIS_ADAPTER_CLASS = "io.saaskit.adapters.redis.RedisRateLimiter";

    private static final Logger logger = LoggerFactory.getLogger(RateLimitStoreSelection.class);

    private RateLimitStoreSelection() {
    }

    /**
     * Called when the PostgreSQL store is chosen; says so when it stands in for Redis.
     * @param environment the environment
     */
    static void postgresChosen(Environment environment) {
        if (!RedisConfiguredCondition.hasUrl(environment)) {
            logger.info(REDIS_NOT_CONFIGURED);
        }
    }

    /**
     * Called when nothing but the in-process limiter is left; refuses a store that was asked for but is missing.
     * @param store the configured store
     * @param environment the environment
     * @param classLoader the application's class loader
     * @throws InvalidSaasPropertyException when the store is {@code redis} or {@code postgres}
     */
    static void inProcessChosen(Store store, Environment environment, @Nullable ClassLoader classLoader) {
        switch (store) {
            case MEMORY -> logger.info("Rate limits are counted in this process ({}=memory)", STORE_PROPERTY);
            case AUTO -> logger.warn("Neither Redis nor the PostgreSQL adapter is configured: rate limits are counted "
                    + "per process, not shared between instances");
            case REDIS -> throw redisMissing(environment, classLoader);
            case POSTGRES -> throw new InvalidSaasPropertyException(STORE_PROPERTY,
                    "is postgres, but the PostgreSQL adapter provides no rate limiter",
                    "Add io.saaskit:saas-adapters-jdbc and a DataSource (with saaskit.jdbc.enabled not false), "
                            + "or choose another store: auto, redis or memory.");
        }
    }

    private static InvalidSaasPropertyException redisMissing(Environment environment,
            @Nullable ClassLoader classLoader) {
        String choose = "or choose another store: auto, postgres or memory.";
        if (!RedisConfiguredCondition.hasUrl(environment)) {
            return new InvalidSaasPropertyException(STORE_PROPERTY,
                    "is redis, but saaskit.redis.url (REDIS_URL) is not set",
                    "Set saaskit.redis.url to the Redis server (redis:// or rediss://), " + choose);
        }
        if (RedisConfiguredCondition.isSwitchedOff(environment)) {
            return new InvalidSaasPropertyException(STORE_PROPERTY, "is redis, but saaskit.redis.enabled is false",
                    "Remove saaskit.redis.enabled=false, " + choose);
        }
        if (!ClassUtils.isPresent(REDIS_ADAPTER_CLASS, classLoader)) {
            return new InvalidSaasPropertyException(STORE_PROPERTY,
                    "is redis, but io.saaskit:saas-adapters-redis is not on the class path",
                    "Add io.saaskit:saas-adapters-redis to the application, " + choose);
        }
        return new InvalidSaasPropertyException(STORE_PROPERTY, "is redis, but no Redis rate limiter was created",
                "Check that no other bean replaces saaskit's Redis connections, " + choose);
    }
}
