package io.saaskit.core.tenancy;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The plan a new organization starts on.
 *
 * @param plan the plan id, for example {@code free}
 * @param planLimit that plan's {@code api_requests} limit, or {@code null} when unlimited
 */
public record OrganizationDefaults(String plan, @Nullable Long planLimit) {

    public OrganizationDefaults {
        Objects.requireNonNull(plan, "plan");
    }
}
