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
     * @return the event, or empty when the payload is not strict JSON (a repeated member name included), lacks
     *         {@code id}, {@code type} or {@code created}, or holds a value that cannot be stored as it is (a NUL or
     *         other control character or an unpaired surrogate in a string it keeps, a timestamp outside the years
     *         2000 to 9999)
     */
    Optional<StripeEvent> read(String payload);
}
