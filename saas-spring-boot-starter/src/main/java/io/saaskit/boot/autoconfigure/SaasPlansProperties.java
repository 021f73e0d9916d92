package io.saaskit.boot.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The plan catalogue and plan overrides, bound from {@code saaskit.plans.*} and bridged into the core's
 * {@link io.saaskit.core.metering.PlanCatalogue}. Without a catalogue, saaskit offers {@code free} (1000
 * {@code api_requests} a month) and {@code pro} (100000).
 *
 * <p>Metric names that contain an underscore must be written in brackets in YAML ({@code "[api_requests]": 1000}),
 * because Spring Boot drops other characters from unbracketed map keys; the built-in {@code api_requests} is also
 * recognised when written without brackets.
 *
 * @param defaultPlan Plan of new organizations and of organizations without override or entitled subscription.
 * @param catalogue The plans by id.
 * @param overrideEnabled Whether owners may set and clear a plan override with POST and DELETE /admin/plan
 * (PLAN_OVERRIDE_ENABLED).
 * @param cacheTtl How long an instance reuses an organization's effective plan. A change made on another instance
 * applies here within this time.
 */
@ConfigurationProperties("saaskit.plans")
public record SaasPlansProperties(@DefaultValue("free") String defaultPlan, @DefaultValue Map<String, Plan> catalogue,
        @DefaultValue("true") boolean overrideEnabled, @DefaultValue("1s") Duration cacheTtl) {

    /**
     * One plan of the catalogue.
     *
     * @param name Name shown to people. Defaults to the plan id.
     * @param stripePriceId Stripe price that entitles an organization to this plan.
     * @param limits Limit per metric and month. A metric without a limit is unlimited.
     */
    public record Plan(@Nullable String name, @Nullable String stripePriceId, @DefaultValue Map<String, Long> limits) {
    }
}
