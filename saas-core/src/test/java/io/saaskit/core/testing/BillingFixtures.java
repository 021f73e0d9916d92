package io.saaskit.core.testing;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.StripeEvent;
import io.saaskit.core.billing.StripeSubscription;
import io.saaskit.core.billing.Subscription;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;

/**
 * Billing records for tests: subscriptions and inbox rows with unique Stripe ids.
 */
public final class BillingFixtures {

    private BillingFixtures() {
    }

    /**
     * A unique Stripe-style id.
     * @param prefix the prefix, for example {@code sub}
     * @return the id
     */
    public static String stripeId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /**
     * An active subscription state of a new Stripe subscription.
     * @param customerId the customer
     * @param priceId the price
     * @param start the period start
     * @param end the period end
     * @return the state
     */
    public static StripeSubscription activeState(String customerId, String priceId, Instant start, Instant end) {
        return new StripeSubscription(stripeId("sub"), customerId, priceId, "active", start, end, false, null);
    }

    /**
     * A new subscription row.
     * @param clock the time source
     * @param orgId the organization
     * @param status the status
     * @return the row, not stored
     */
    public static Subscription subscription(Clock clock, OrgId orgId, String status) {
        Instant now = clock.instant();
        StripeSubscription state = new StripeSubscription(stripeId("sub"), stripeId("cus"), "price_pro", status,
                now, now.plusSeconds(30L * 86_400), false, null);
        return Subscription.create(Ids.next(clock), orgId, state, now, now);
    }

    /**
     * A new inbox row of an event.
     * @param clock the time source
     * @param type the event type
     * @return the row, state {@code received}, not stored
     */
    public static InboxEvent inboxEvent(Clock clock, String type) {
        Instant now = clock.instant();
        String id = stripeId("evt");
        StripeEvent event = new StripeEvent(id, type, now, "2026-07-29.dahlia", false,
                new StripeEvent.EventObject("subscription", null, null, null, null, null, null, null, null, null,
                        null));
        return InboxEvent.received(Ids.next(clock), event, "{\"id\":\"" + id + "\"}", "req-" + id, now);
    }
}
