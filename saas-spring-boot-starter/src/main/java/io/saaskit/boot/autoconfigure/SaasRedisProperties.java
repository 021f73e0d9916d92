package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Redis adapter, bound from {@code saaskit.redis.*} and bridged into the adapter's
 * {@link io.saaskit.adapters.redis.RedisSettings}. Redis is used only when a URL is set; without one, the
 * PostgreSQL (or in-process) implementations take its place.
 *
 * @param url Redis server, redis://[[user]:password@]host[:port][/database]; rediss:// for TLS. Unset or blank means
 * Redis is not used.
 * @param keyPrefix Prefix of every key and channel saaskit writes, so several applications can share one server.
 * Must not contain braces.
 * @param commandTimeout How long a Redis command may take before it counts as failed: a rate limit then fails open or
 * closed, a quota check answers 503.
 * @param enabled Whether the Redis adapter is used when a URL is set.
 */
@ConfigurationProperties("saaskit.redis")
public record SaasRedisProperties(@Nullable String url, @DefaultValue("saaskit:") String keyPrefix,
        @DefaultValue("1s") Duration commandTimeout, @DefaultValue("true") boolean enabled) {

    /** The property that names the server. */
    static final String URL_PROPERTY = "saaskit.redis.url";

    /** The property that switches the adapter off. */
    static final String ENABLED_PROPERTY = "saaskit.redis.enabled";
}
