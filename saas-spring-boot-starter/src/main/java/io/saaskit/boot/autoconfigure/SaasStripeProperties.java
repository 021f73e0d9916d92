package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe billing, bound from {@code saaskit.stripe.*}.
 *
 * @param enabled Whether billing is on (BILLING_ENABLED). When false, no billing bean is created and the /billing
 * paths answer 404.
 * @param apiKey Stripe secret key (STRIPE_SECRET_KEY). Without it, checkout and portal answer 400 "Stripe not
 * configured", reconciliation is refused, and webhook events are applied from their payloads.
 * @param webhookSecret Webhook signing secret (STRIPE_WEBHOOK_SECRET); a comma-separated list is accepted while a
 * secret is being rotated. Without it, /billing/webhook answers 400.
 * @param successUrl Where Checkout sends the customer after paying (STRIPE_SUCCESS_URL). Defaults to
 * {@code <web-base-url>/billing/success}.
 * @param cancelUrl Where Checkout sends the customer after giving up (STRIPE_CANCEL_URL). Defaults to
 * {@code <web-base-url>/billing/cancel}.
 * @param portalReturnUrl Where the billing portal sends the customer back (STRIPE_PORTAL_RETURN_URL). Defaults to
 * {@code <web-base-url>/app/billing}.
 * @param webhookTolerance Largest accepted difference, either way, between a signature's timestamp and now
 * (STRIPE_WEBHOOK_TOLERANCE).
 * @param apiBase Base URL of the Stripe API (STRIPE_API_BASE); tests point it at a local stub.
 * @param maxAttempts Failed attempts after which a webhook event is dead (STRIPE_EVENT_MAX_ATTEMPTS).
 * @param timeout Connect and read timeout of each Stripe request.
 * @param inbox How webhook deliveries are stored in the inbox by group commit.
 */
@ConfigurationProperties("saaskit.stripe")
public record SaasStripeProperties(@DefaultValue("true") boolean enabled, @Nullable String apiKey,
        @Nullable String webhookSecret, @Nullable String successUrl, @Nullable String cancelUrl,
        @Nullable String portalReturnUrl, @DefaultValue("300s") Duration webhookTolerance,
        @DefaultValue("https://api.stripe.com") String apiBase, @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration timeout, @DefaultValue Inbox inbox) {

    /**
     * The webhook inbox writer: deliveries wait for the batched transaction that stores their event and enqueues its
     * job.
     *
     * @param maxBatch Most deliveries stored in one transaction.
     * @param linger How long the writer waits for more deliveries after the first of a batch. Zero writes whatever
     * is queued at once; under load, batches grow while the previous one commits.
     * @param writers How many batches may be written at once, each on its own database connection.
     * @param timeout How long a delivery waits to be taken into a batch before it answers 503 (it is then not
     * stored, and Stripe retries it).
     * @param interval Least time between the starts of two batches of a writer (deliveries arriving sooner wait for
     * the rest of it and go together). Zero starts each batch as soon as the previous one has committed.
     */
    public record Inbox(@DefaultValue("200") int maxBatch, @DefaultValue("0ms") Duration linger,
            @DefaultValue("1") int writers, @DefaultValue("10s") Duration timeout,
            @DefaultValue("0ms") Duration interval) implements GroupCommitProperties {
    }

    @Override
    public String toString() {
        // The key and the signing secrets never reach a log line.
        return "SaasStripeProperties[enabled=" + this.enabled + ", apiKey=" + ((this.apiKey != null) ? "***" : null)
                + ", apiBase=" + this.apiBase + "]";
    }
}
