package io.saaskit.core.metering;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The plans an organization can be on, read from configuration, and the rule that picks an organization's
 * effective plan.
 *
 * <p>The effective plan is, first match wins: (1) an operator's override; (2) the plan whose Stripe price is the
 * price of the organization's entitled subscription (a price the catalogue does not know keeps the plan the
 * subscription gave so far); (3) the default plan. The subscription step is the seam the
 * billing feature plugs into: until it supplies a price, callers pass {@code null} and step (2) never matches.
 */
public final class PlanCatalogue {

    private final Map<String, Plan> plans;

    private final Plan defaultPlan;

    /**
     * Creates a catalogue.
     * @param plans the plans, ids unique
     * @param defaultPlanId the id of the plan organizations start on
     * @throws IllegalArgumentException when the default plan is not among the plans or an id repeats
     */
    public PlanCatalogue(Collection<Plan> plans, String defaultPlanId) {
        Objects.requireNonNull(defaultPlanId, "defaultPlanId");
        Map<String, Plan> byId = new LinkedHashMap<>();
        for (Plan plan : plans) {
            if (byId.putIfAbsent(plan.id(), plan) != null) {
                throw new IllegalArgumentException("Plan " + plan.id() + " is defined twice");
            }
        }
        Plan found = byId.get(defaultPlanId);
        if (found == null) {
            throw new IllegalArgumentException("The default plan " + defaultPlanId + " is not in the catalogue "
                    + byId.keySet());
        }
        this.plans = Map.copyOf(byId);
        this.defaultPlan = found;
    }

    /**
     * Finds a plan.
     * @param id the plan id
     * @return the plan, or empty when not in the catalogue
     */
    public Optional<Plan> find(String id) {
        return Optional.ofNullable(this.plans.get(id));
    }

    /**
     * The plan a Stripe price entitles to.
     * @param stripePriceId the price
     * @return the plan, or empty when no plan has that price
     */
    public Optional<Plan> findByStripePrice(String stripePriceId) {
        return this.plans.values().stream().filter((plan) -> stripePriceId.equals(plan.stripePriceId())).findFirst();
    }

    /**
     * The plan new organizations start on and organizations without override or subscription stay on.
     * @return the default plan
     */
    public Plan defaultPlan() {
        return this.defaultPlan;
    }

    /**
     * Every plan of the catalogue.
     * @return the plans
     */
    public List<Plan> plans() {
        return List.copyOf(this.plans.values());
    }

    /**
     * Picks the effective plan.
     * @param stored the organization's stored plan columns (for its override), or {@code null} when unknown
     * @param subscriptionPriceId the price of the organization's entitled subscription, or {@code null}
     * @return the effective plan
     */
    public EffectivePlan effective(@Nullable OrganizationPlan stored, @Nullable String subscriptionPriceId) {
        if (stored != null && stored.overridePlan() != null) {
            String overridePlan = stored.overridePlan();
            Long overrideLimit = stored.overrideLimit();
            Plan base = find(overridePlan).orElseGet(() -> new Plan(overridePlan, overridePlan, null, Map.of()));
            Plan plan = (overrideLimit != null) ? base.withLimit(Metrics.API_REQUESTS, overrideLimit) : base;
            return new EffectivePlan(plan, PlanSource.OVERRIDE);
        }
        if (subscriptionPriceId != null) {
            Optional<Plan> subscribed = findByStripePrice(subscriptionPriceId);
            if (subscribed.isPresent()) {
                return new EffectivePlan(subscribed.get(), PlanSource.SUBSCRIPTION);
            }
            if (stored != null && stored.source() == PlanSource.SUBSCRIPTION) {
                // A price the catalogue does not know keeps the plan the subscription gave so far (§6.3).
                Long limit = stored.planLimit();
                Plan kept = find(stored.plan()).orElseGet(() -> new Plan(stored.plan(), stored.plan(), null,
                        (limit != null) ? Map.of(Metrics.API_REQUESTS, limit) : Map.of()));
                return new EffectivePlan(kept, PlanSource.SUBSCRIPTION);
            }
        }
        return new EffectivePlan(this.defaultPlan, PlanSource.DEFAULT);
    }
}
