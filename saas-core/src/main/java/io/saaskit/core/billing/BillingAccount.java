package io.saaskit.core.billing;

import java.util.Objects;

import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * An organization's link to its Stripe customer.
 *
 * @param orgId the organization
 * @param stripeCustomerId the Stripe customer, or {@code null} before the first checkout
 */
public record BillingAccount(OrgId orgId, @Nullable String stripeCustomerId) {

    public BillingAccount {
        Objects.requireNonNull(orgId, "orgId");
    }
}
