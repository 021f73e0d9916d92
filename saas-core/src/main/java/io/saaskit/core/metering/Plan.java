package io.saaskit.core.metering;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A plan of the catalogue: what an organization on it may use per period, metric by metric.
 *
 * <p>A metric without an entry in {@link #limits()} is unlimited. Plans come from configuration
 * ({@code saaskit.plans.catalogue.*}); an override set by an operator may also produce a plan that is not in the
 * catalogue, which then carries only the overridden {@code api_requests} limit.
 *
 * @param id the plan id, for example {@code free}
 * @param name the name shown to people, for example {@code Free}
 * @param stripePriceId the Stripe price that entitles an organization to this plan, or {@code null}
 * @param limits the limit per metric and period
 */
public record Plan(String id, String name, @Nullable String stripePriceId, Map<String, Long> limits) {

    public Plan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(limits, "limits");
        if (id.isBlank()) {
            throw new IllegalArgumentException("A plan id must not be blank");
        }
        limits.forEach((metric, limit) -> {
            if (limit == null || limit < 0) {
                throw new IllegalArgumentException("The limit of " + metric + " on plan " + id
                        + " must be zero or more");
            }
        });
        limits = Map.copyOf(limits);
        if (stripePriceId != null && stripePriceId.isBlank()) {
            stripePriceId = null;
        }
    }

    /**
     * The limit of a metric per period.
     * @param metric the metric
     * @return the limit, or empty when the metric is unlimited on this plan
     */
    public Optional<Long> limit(String metric) {
        return Optional.ofNullable(this.limits.get(metric));
    }

    /**
     * The same plan with one metric's limit replaced, as an override replaces {@code api_requests}.
     * @param metric the metric
     * @param limit the new limit
     * @return a new plan
     */
    public Plan withLimit(String metric, long limit) {
        Map<String, Long> changed = new LinkedHashMap<>(this.limits);
        changed.put(metric, limit);
        return new Plan(this.id, this.name, this.stripePriceId, changed);
    }
}
