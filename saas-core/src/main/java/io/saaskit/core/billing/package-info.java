/**
 * Billing: Stripe customers, checkout and portal sessions, subscriptions and the webhook inbox whose events the
 * worker applies, and the entitlement a subscription gives (which plan, which usage period).
 */
@NullMarked
package io.saaskit.core.billing;

import org.jspecify.annotations.NullMarked;
