package io.saaskit.core.testing;

import java.util.List;
import java.util.Optional;

import io.saaskit.core.billing.BillingGatewayException;
import io.saaskit.core.billing.CheckoutRequest;
import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.billing.port.BillingGateway;
import io.saaskit.core.tenancy.OrgId;

/**
 * A {@link BillingGateway} without credentials, as a deployment without Stripe has: every call fails as an
 * unreachable gateway does. Tests that need a gateway answering some calls override those.
 */
public class UnconfiguredBillingGateway implements BillingGateway {

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public String createCustomer(OrgId orgId, String idempotencyKey) {
        throw new BillingGatewayException(null);
    }

    @Override
    public String createCheckoutSession(CheckoutRequest request) {
        throw new BillingGatewayException(null);
    }

    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        throw new BillingGatewayException(null);
    }

    @Override
    public Optional<StripeSubscription> subscription(String subscriptionId) {
        throw new BillingGatewayException(null);
    }

    @Override
    public List<StripeSubscription> subscriptions(String customerId) {
        throw new BillingGatewayException(null);
    }
}
