package io.saaskit.boot.web.support;

import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;

import io.saaskit.core.ratelimit.RateLimitDecision;

import org.springframework.http.HttpHeaders;

/**
 * The IETF rate-limit headers of a limited route, one list entry per scope that applied:
 * {@code RateLimit-Policy: "<scope>";q=<limit>;w=<window s>} and
 * {@code RateLimit: "<scope>";r=<remaining>;t=<seconds to reset>}. They are sent on every response of the route,
 * refused or not, so clients can pace themselves.
 */
public final class RateLimitHeaders {

    /** The policy header. */
    public static final String POLICY = "RateLimit-Policy";

    /** The current-state header. */
    public static final String STATE = "RateLimit";

    private RateLimitHeaders() {
    }

    /**
     * The headers for the decisions taken for one request.
     * @param decisions the decisions, in the order the scopes were checked
     * @return the two headers, or no headers when no scope applied
     */
    public static HttpHeaders of(List<RateLimitDecision> decisions) {
        HttpHeaders headers = new HttpHeaders();
        if (decisions.isEmpty()) {
            return headers;
        }
        StringJoiner policy = new StringJoiner(", ");
        StringJoiner state = new StringJoiner(", ");
        for (RateLimitDecision decision : decisions) {
            String scope = "\"" + decision.rule().scope() + "\"";
            policy.add(scope + ";q=" + decision.rule().limit() + ";w=" + ceilSeconds(decision.rule().window()));
            long remaining = (decision instanceof RateLimitDecision.Allowed allowed) ? allowed.remaining() : 0;
            state.add(scope + ";r=" + Math.max(0, remaining) + ";t=" + ceilSeconds(decision.resetAfter()));
        }
        headers.set(POLICY, policy.toString());
        headers.set(STATE, state.toString());
        return headers;
    }

    /**
     * Whole seconds, rounded up.
     * @param duration the duration
     * @return the seconds, never negative
     */
    public static long ceilSeconds(Duration duration) {
        if (duration.isNegative()) {
            return 0;
        }
        return duration.getSeconds() + ((duration.getNano() > 0) ? 1 : 0);
    }
}
