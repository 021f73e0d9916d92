package io.saaskit.boot.web.usage;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.saaskit.boot.web.apikey.ApiKeyCaller;
import io.saaskit.boot.web.support.AppliedRateLimits;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.boot.web.support.RequestId;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.metering.Admission;
import io.saaskit.core.metering.MeteringService;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.UsageLimitExceededException;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.ratelimit.RateLimitRule;
import io.saaskit.core.tenancy.OrgId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Meters a request to an API route (step 7 of the API-key pipeline): call {@link #admit} in the handler, after the
 * key was authenticated and rate-limited, before doing the work.
 *
 * <pre>{@code
 * @GetMapping("/data")
 * DataResponse data(ApiKeyCaller caller) {
 *     meter.admit(caller, Metrics.API_REQUESTS, 1);   // 429 USAGE_LIMIT when over the plan's limit
 *     return new DataResponse(...);                   // the usage event is made durable before this is written
 * }
 * }</pre>
 *
 * <p>Admission takes the quota atomically (a refusal counts nothing) and adds the {@code "usage"} entry to the
 * {@code RateLimit-Policy} ({@code q} = limit, {@code w} = period seconds) and {@code RateLimit} ({@code r} =
 * remaining, {@code t} = seconds to the period's end) headers. The usage event, with an {@code auto:<uuid>}
 * idempotency key, is recorded just before a non-5xx response body is written, or when the handler calls
 * {@link MeteredRequest#record()}; a 5xx response gives the quota back and removes the event.
 */
public final class UsageMeter {

    /** The scope name of the usage entry of the rate-limit headers. */
    public static final String SCOPE = "usage";

    private static final String ATTRIBUTE = MeteredRequest.class.getName();

    private final MeteringService metering;

    private final RequestContexts contexts;

    /**
     * Creates the meter.
     * @param metering the metering service
     * @param contexts builds request contexts for audit rows
     */
    public UsageMeter(MeteringService metering, RequestContexts contexts) {
        this.metering = Objects.requireNonNull(metering, "metering");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    /**
     * Admits the current request for an API key's organization.
     * @param caller the authenticated key
     * @param metric the metric, for example {@code api_requests}
     * @param quantity the quantity, positive
     * @return the metered request
     * @throws UsageLimitExceededException when the plan's limit would be passed
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the quota counter cannot be reached
     */
    public MeteredRequest admit(ApiKeyCaller caller, String metric, long quantity) {
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder
                .currentRequestAttributes();
        HttpServletResponse response = Objects.requireNonNull(attributes.getResponse(), "response");
        return admit(attributes.getRequest(), response, caller.orgId(), caller.apiKeyId(), metric, quantity);
    }

    /**
     * Admits a request.
     * @param request the request
     * @param response the response, which gets the usage entry of the rate-limit headers
     * @param orgId the organization billed
     * @param apiKeyId the key making the request, or {@code null}
     * @param metric the metric
     * @param quantity the quantity, positive
     * @return the metered request
     * @throws UsageLimitExceededException when the plan's limit would be passed
     * @throws IllegalStateException when the request was already admitted
     */
    public MeteredRequest admit(HttpServletRequest request, HttpServletResponse response, OrgId orgId,
            @Nullable ApiKeyId apiKeyId, String metric, long quantity) {
        if (request.getAttribute(ATTRIBUTE) != null) {
            throw new IllegalStateException("The request is already metered");
        }
        Admission admission;
        try {
            admission = this.metering.admit(orgId, metric, quantity, apiKeyId, this.contexts.of(request));
        }
        catch (UsageLimitExceededException ex) {
            Period period = this.metering.currentPeriod(orgId);
            RateLimitRule rule = new RateLimitRule(SCOPE, ex.limit(), length(period));
            AppliedRateLimits.add(request, response, List.of(new RateLimitDecision.Limited(rule,
                    Duration.ofSeconds(ex.retryAfterSeconds()))));
            throw ex;
        }
        Long limit = admission.limit();
        Long remaining = admission.remaining();
        if (limit != null && remaining != null) {
            RateLimitRule rule = new RateLimitRule(SCOPE, limit, length(admission.period()));
            Duration untilEnd = Duration.between(admission.admittedAt(), admission.period().end());
            AppliedRateLimits.add(request, response, List.of(new RateLimitDecision.Allowed(rule, remaining,
                    untilEnd.isNegative() ? Duration.ZERO : untilEnd)));
        }
        MeteredRequest metered = new MeteredRequest(this.metering, admission,
                this.metering.routeEvent(admission, apiKeyId, RequestId.of(request)));
        request.setAttribute(ATTRIBUTE, metered);
        return metered;
    }

    private static Duration length(Period period) {
        return Duration.between(period.start(), period.end());
    }

    /**
     * The metered request of a request, if it was admitted.
     * @param request the request
     * @return the metered request, or {@code null}
     */
    static @Nullable MeteredRequest of(HttpServletRequest request) {
        Object value = request.getAttribute(ATTRIBUTE);
        return (value instanceof MeteredRequest metered) ? metered : null;
    }
}
