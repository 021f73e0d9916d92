package io.saaskit.core.billing.port;

import java.util.Optional;

import io.saaskit.core.billing.StripeEvent;

/**
 * Reads a Stripe event from its JSON payload.
 */
public interface StripeEventReader {

    /**
     * Reads an event.
     * @param payload the payload as received
     * @return the event, or empty when the payload is not JSON or lacks {@code id}, {@code type} or
     *         {@code created}
     */
    Optional<StripeEvent> read(String payload);
}
