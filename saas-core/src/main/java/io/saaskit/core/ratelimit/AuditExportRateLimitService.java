package io.saaskit.core.ratelimit;

import java.util.List;
import java.util.UUID;

import io.saaskit.core.ratelimit.port.RateLimiter;
import io.saaskit.core.tenancy.OrgId;

/**
 * The rate limit on audit exports, scope {@value #SCOPE}: per user and organization, because an export of a large
 * log is the most expensive read saaskit offers.
 */
public final class AuditExportRateLimitService {

    /** The scope of audit exports per user and organization. */
    public static final String SCOPE = "audit_export";

    private static final String MESSAGE = "Too many audit exports. Please try again later.";

    private final RateLimiter limiter;

    private final RateLimitRule rule;

    /**
     * Creates the service.
     * @param limiter the shared rate-limit store
     * @param rule the limit and window; a limit of zero or less disables it
     */
    public AuditExportRateLimitService(RateLimiter limiter, RateLimitRule rule) {
        this.limiter = limiter;
        this.rule = new RateLimitRule(SCOPE, rule.limit(), rule.window());
    }

    /**
     * Counts an export.
     * @param orgId the organization exported
     * @param userId the user exporting
     * @return the decision taken, for response headers; empty when the scope is disabled
     * @throws RateLimitExceededException when the export is refused
     */
    public List<RateLimitDecision> check(OrgId orgId, UUID userId) {
        if (!this.rule.enabled()) {
            return List.of();
        }
        RateLimitDecision decision = this.limiter.hit(this.rule, RateLimitKey.of(SCOPE, userId.toString(),
                orgId.toString()));
        if (decision instanceof RateLimitDecision.Limited limited) {
            throw new RateLimitExceededException(MESSAGE, limited, List.of(decision));
        }
        return List.of(decision);
    }
}
