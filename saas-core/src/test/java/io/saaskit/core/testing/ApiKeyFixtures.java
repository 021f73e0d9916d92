package io.saaskit.core.testing;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyFormat;
import io.saaskit.core.apikey.ApiKeyHasher;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Builders of valid API keys with unique secrets and hashes, so contract tests sharing one database never collide.
 */
public final class ApiKeyFixtures {

    /** The pepper the fixtures hash with. */
    public static final String PEPPER = "fixture-pepper-0123456789abcdef";

    private static final ApiKeyHasher HASHER = new ApiKeyHasher(PEPPER, null);

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyFixtures() {
    }

    /**
     * A new key without expiry, created now by a random user.
     * @param clock the time source
     * @param orgId the organization
     * @return the key, not stored
     */
    public static ApiKey apiKey(Clock clock, OrgId orgId) {
        return apiKey(clock, orgId, null);
    }

    /**
     * A new key, created now by a random user.
     * @param clock the time source
     * @param orgId the organization
     * @param expiresAt the expiry, or {@code null}
     * @return the key, not stored
     */
    public static ApiKey apiKey(Clock clock, OrgId orgId, @Nullable Instant expiresAt) {
        String secret = secret();
        return ApiKey.create(new ApiKeyId(Ids.next(clock)), orgId, "key-" + secret.substring(3, 9),
                ApiKeyFormat.displayPrefix(secret), HASHER.hash(secret), HASHER.pepperVersion(),
                new UserId(Ids.next(clock)), clock.instant(), expiresAt);
    }

    /**
     * A fresh, well-formed key secret.
     * @return the secret
     */
    public static String secret() {
        return ApiKeyFormat.generate(RANDOM);
    }
}
