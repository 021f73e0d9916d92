package io.saaskit.boot.web.support;

import java.util.ArrayList;
import java.util.List;

import io.saaskit.core.ratelimit.RateLimitDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Collects the rate-limit decisions taken for one request, from every component that limits it, and keeps the
 * {@code RateLimit-Policy} and {@code RateLimit} response headers in step with them.
 *
 * <p>On an API-key route the key's {@code api_key} decision is added when the key is authenticated, and metering
 * adds its {@code "usage"} entry later; each call re-renders both headers from every decision so far, one list entry
 * per scope in the order the scopes were first applied (a later decision for the same scope replaces the earlier
 * one). The headers are set on the response at once, before anything is written, so they survive both a normal
 * body and a problem response ({@link ProblemWriter} keeps headers set earlier).
 */
public final class AppliedRateLimits {

    private static final String ATTRIBUTE = AppliedRateLimits.class.getName();

    private AppliedRateLimits() {
    }

    /**
     * Adds decisions taken for a request and sets the two headers from every decision so far.
     * @param request the request, which holds the decisions
     * @param response the response, which gets the headers
     * @param decisions the new decisions
     */
    public static void add(HttpServletRequest request, HttpServletResponse response,
            List<RateLimitDecision> decisions) {
        if (decisions.isEmpty()) {
            return;
        }
        List<RateLimitDecision> all = new ArrayList<>(of(request));
        for (RateLimitDecision decision : decisions) {
            int existing = indexOfScope(all, decision.rule().scope());
            if (existing >= 0) {
                all.set(existing, decision);
            }
            else {
                all.add(decision);
            }
        }
        request.setAttribute(ATTRIBUTE, List.copyOf(all));
        RateLimitHeaders.write(all, response);
    }

    /**
     * The decisions taken for a request so far.
     * @param request the request
     * @return the decisions, in the order their scopes were first applied
     */
    @SuppressWarnings("unchecked")
    public static List<RateLimitDecision> of(HttpServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        return (value instanceof List<?> list) ? (List<RateLimitDecision>) list : List.of();
    }

    private static int indexOfScope(List<RateLimitDecision> decisions, String scope) {
        for (int i = 0; i < decisions.size(); i++) {
            if (decisions.get(i).rule().scope().equals(scope)) {
                return i;
            }
        }
        return -1;
    }
}
