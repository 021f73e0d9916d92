package io.saaskit.core.billing.port;

import java.util.List;
import java.util.Optional;

import io.saaskit.core.billing.CheckoutRequest;
import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.tenancy.OrgId;

/**
 * The payment provider (Stripe): customers, hosted checkout and portal pages, and the subscriptions it holds.
 *
 * <p>Every method may throw {@link io.saaskit.core.billing.BillingGatewayException} when the provider refuses or
 * cannot be reached.
 */
public interface BillingGateway {

    /**
     * Whether the gateway has credentials ({@code STRIPE_SECRET_KEY}); without them no method may be called.
     * @return true when configured
     */
    boolean configured();

    /**
     * Creates the organization's customer, with {@code metadata.orgId}; the idempotency key makes a retried or
     * concurrent call return the same customer.
     * @param orgId the organization
     * @param idempotencyKey the provider-side idempotency key
     * @return the customer id
     */
    String createCustomer(OrgId orgId, String idempotencyKey);

    /**
     * Opens a checkout session.
     * @param request the session
     * @return the URL to send the customer to
     */
    String createCheckoutSession(CheckoutRequest request);

    /**
     * Opens a billing portal session.
     * @param customerId the customer
     * @param returnUrl where the portal sends the customer back
     * @return the URL to send the customer to
     */
    String createPortalSession(String customerId, String returnUrl);

    /**
     * Fetches a subscription's current state.
     * @param subscriptionId the subscription
     * @return the state, or empty when the provider does not know it
     */
    Optional<StripeSubscription> subscription(String subscriptionId);

    /**
     * Lists every subscription of a customer, whatever its status.
     * @param customerId the customer
     * @return the subscriptions
     */
    List<StripeSubscription> subscriptions(String customerId);
}
