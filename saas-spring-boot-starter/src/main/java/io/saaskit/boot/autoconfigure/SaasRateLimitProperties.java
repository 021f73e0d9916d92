package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits, bound from {@code saaskit.rate-limit.*} and bridged into the core's
 * {@link io.saaskit.core.ratelimit.AuthRateLimitSettings}. A limit of zero or less disables its scope.
 *
 * @param store Where rate-limit counters live. AUTO uses Redis when configured, else PostgreSQL; MEMORY keeps them
 * per process (single instance, tests).
 * @param auth Limits on authentication attempts.
 * @param failOpen What a shared store (Redis, PostgreSQL) that cannot be reached means: true admits the request and
 * logs an error (fail open); false refuses it with 503 SERVICE_UNAVAILABLE (fail closed).
 * @param apiKey The per-key limit of API-key routes (scope api_key).
 */
@ConfigurationProperties("saaskit.rate-limit")
public record SaasRateLimitProperties(@DefaultValue("auto") Store store, @DefaultValue Auth auth,
        @DefaultValue("true") boolean failOpen, @DefaultValue ApiKey apiKey) {

    /** Counter stores. */
    public enum Store {

        /** Redis when configured, else PostgreSQL. */
        AUTO,

        /** Redis, shared by every instance. */
        REDIS,

        /** The PostgreSQL rate_limit_bucket table, shared by every instance. */
        POSTGRES,

        /** Counters in this process only. */
        MEMORY
    }

    /**
     * Limits on authentication attempts, per window. Demo mode caps register-ip and login-identifier at 3 and
     * login-ip at 5.
     *
     * @param window Length of the fixed window of the three auth scopes. Zero or less means 60 seconds.
     * @param loginIp Login attempts per client address per window (scope auth_login_ip).
     * @param loginIdentifier Login attempts per email per window (scope auth_login_identifier).
     * @param registerIp Registrations per client address per window (scope auth_register_ip).
     */
    public record Auth(@DefaultValue("60s") Duration window, @DefaultValue("10") long loginIp,
            @DefaultValue("5") long loginIdentifier, @DefaultValue("5") long registerIp) {
    }

    /**
     * The per-key limit of API-key routes, applied after the key is verified and before usage is admitted.
     *
     * @param limit Requests per API key per window (scope api_key). Zero or less disables the scope.
     * @param window Length of the fixed window. Zero or less means 60 seconds.
     * @param syncInterval How often an instance reconciles the hits it counted locally with the shared store (Redis,
     * PostgreSQL); 100 ms at most is advised. Zero or less counts every request in the shared store (exact across
     * instances, one round trip per request).
     */
    public record ApiKey(@DefaultValue("1000") long limit, @DefaultValue("60s") Duration window,
            @DefaultValue("100ms") Duration syncInterval) {
    }
}
