package io.saaskit.boot.web.support;

import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

import io.saaskit.core.ratelimit.RateLimitDecision;
import jakarta.servlet.http.HttpServletResponse;

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
        write(decisions, headers::set);
        return headers;
    }

    /**
     * Sets the headers for the decisions taken for one request on a response, the per-request path: it builds the
     * two values directly instead of going through an {@link HttpHeaders} map.
     * @param decisions the decisions, in the order the scopes were checked
     * @param response the response; left untouched when no scope applied
     */
    public static void write(List<RateLimitDecision> decisions, HttpServletResponse response) {
        write(decisions, response::setHeader);
    }

    private static void write(List<RateLimitDecision> decisions, BiConsumer<String, String> target) {
        if (decisions.isEmpty()) {
            return;
        }
        StringBuilder policy = new StringBuilder(64);
        StringBuilder state = new StringBuilder(64);
        for (RateLimitDecision decision : decisions) {
            if (!policy.isEmpty()) {
                policy.append(", ");
                state.append(", ");
            }
            String scope = decision.rule().scope();
            policy.append('"').append(scope).append("\";q=").append(decision.rule().limit())
                    .append(";w=").append(ceilSeconds(decision.rule().window()));
            long remaining = (decision instanceof RateLimitDecision.Allowed allowed) ? allowed.remaining() : 0;
            state.append('"').append(scope).append("\";r=").append(Math.max(0, remaining))
                    .append(";t=").append(ceilSeconds(decision.resetAfter()));
        }
        target.accept(POLICY, policy.toString());
        target.accept(STATE, state.toString());
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
