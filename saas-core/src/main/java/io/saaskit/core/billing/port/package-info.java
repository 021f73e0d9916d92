/**
 * Ports of the billing feature: the payment provider, webhook signature checks and event parsing, and the stores of
 * subscriptions, billing customers and received webhook events.
 */
@NullMarked
package io.saaskit.core.billing.port;

import org.jspecify.annotations.NullMarked;
