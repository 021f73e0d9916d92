/**
 * The Stripe adapter: the billing gateway on stripe-java's instance-based {@code StripeClient}, webhook signature
 * verification, and the reader of event payloads. No stripe-java type leaves this package.
 */
@NullMarked
package io.saaskit.adapters.stripe;

import org.jspecify.annotations.NullMarked;
