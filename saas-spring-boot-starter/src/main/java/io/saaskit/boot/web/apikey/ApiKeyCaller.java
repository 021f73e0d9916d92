package io.saaskit.boot.web.apikey;

import java.util.List;
import java.util.Objects;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.tenancy.OrgId;

/**
 * The API key a request was authenticated with. Declaring a controller parameter of this type is what makes a route
 * an API-key route (auth K): the key is verified, the {@code X-Org-Id} header checked against its organization, the
 * per-key rate limit applied (with its response headers) and the key's last use recorded before the handler runs.
 *
 * @param apiKeyId the key
 * @param orgId the key's organization, which the request acts on
 * @param prefix the key's display prefix, safe to log
 * @param rateLimits the rate-limit decisions taken for the key (empty when the {@code api_key} scope is disabled)
 */
public record ApiKeyCaller(ApiKeyId apiKeyId, OrgId orgId, String prefix, List<RateLimitDecision> rateLimits) {

    public ApiKeyCaller {
        Objects.requireNonNull(apiKeyId, "apiKeyId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(prefix, "prefix");
        rateLimits = List.copyOf(rateLimits);
    }
}
