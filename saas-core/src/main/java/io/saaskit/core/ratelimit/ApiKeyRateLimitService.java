package io.saaskit.core.ratelimit;

import java.util.List;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.tenancy.OrgId;

/**
 * Applies the per-key limit of API-key routes, after the key is verified and before usage is admitted, so a
 * refused request is neither metered nor billed. The bucket is keyed on the key and its organization.
 */
public final class ApiKeyRateLimitService {

    /** The scope of requests per API key. */
    public static final String SCOPE = "api_key";

    private static final String MESSAGE = "API key rate limit exceeded";

    private final RateLimiter limiter;

    private final RateLimitRule rule;

    public ApiKeyRateLimitService(RateLimiter limiter, ApiKeyRateLimitSettings settings) {
        this.limiter = limiter;
        this.rule = new RateLimitRule(SCOPE, settings.limit(), settings.window());
    }

    /**
     * Counts a request of a key.
     * @param keyId the verified key
     * @param orgId the key's organization
     * @return the decision taken, for response headers; empty when the scope is disabled
     * @throws RateLimitExceededException "API key rate limit exceeded" when the request is refused
     */
    public List<RateLimitDecision> check(ApiKeyId keyId, OrgId orgId) {
        if (!this.rule.enabled()) {
            return List.of();
        }
        RateLimitDecision decision = this.limiter.hit(this.rule, RateLimitKey.of(SCOPE, keyId.toString(),
                orgId.toString()));
        if (decision instanceof RateLimitDecision.Limited limited) {
            throw new RateLimitExceededException(MESSAGE, limited, List.of(decision));
        }
        return List.of(decision);
    }

    /**
     * The rule applied.
     * @return the rule
     */
    public RateLimitRule rule() {
        return this.rule;
    }
}
