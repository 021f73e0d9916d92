package io.saaskit.core.billing;

import java.util.Objects;

import io.saaskit.core.tenancy.OrgId;

/**
 * A Stripe Checkout session to open for an organization: {@code mode=subscription}, one line item of the price,
 * and the organization's id as {@code client_reference_id}, {@code metadata.orgId} and
 * {@code subscription_data.metadata.orgId}, so every later event names it.
 *
 * @param orgId the organization
 * @param customerId its Stripe customer
 * @param priceId the price to subscribe to
 * @param successUrl where Stripe sends the customer after paying
 * @param cancelUrl where Stripe sends the customer after giving up
 */
public record CheckoutRequest(OrgId orgId, String customerId, String priceId, String successUrl, String cancelUrl) {

    public CheckoutRequest {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(priceId, "priceId");
        Objects.requireNonNull(successUrl, "successUrl");
        Objects.requireNonNull(cancelUrl, "cancelUrl");
    }
}
