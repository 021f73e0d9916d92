package io.saaskit.core.billing;

/**
 * The answer to a webhook delivery that was stored or already there.
 *
 * @param duplicate whether the event had been received before
 */
public record WebhookReceipt(boolean duplicate) {
}
