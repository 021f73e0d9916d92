package io.saaskit.core.billing.port;

import java.time.Instant;

/**
 * Checks the {@code Stripe-Signature} header of a webhook delivery against the exact bytes received (§7.3).
 */
public interface WebhookSignatureVerifier {

    /**
     * Whether a signing secret is configured ({@code STRIPE_WEBHOOK_SECRET}).
     * @return true when configured
     */
    boolean configured();

    /**
     * Verifies a delivery: some {@code v1} signature of the header matches some configured secret, and the
     * header's timestamp is within the tolerance of now, in either direction.
     * @param body the request body exactly as received
     * @param header the {@code Stripe-Signature} header
     * @param now the current time
     * @return true when the delivery is authentic and fresh
     */
    boolean verify(byte[] body, String header, Instant now);
}
