package io.saaskit.core.billing;

import io.saaskit.core.shared.ServiceUnavailableException;

import org.jspecify.annotations.Nullable;

/**
 * The payment provider refused or could not be reached: the client gets 503 and may try again. The provider's
 * error is kept as the {@linkplain #getCause() cause} for logging; it never reaches the client.
 */
public class BillingGatewayException extends ServiceUnavailableException {

    private static final long serialVersionUID = 1L;

    /** The detail sent to clients. */
    public static final String DETAIL = "Billing provider unavailable";

    /**
     * Creates the failure.
     * @param failure what the provider's client threw
     */
    public BillingGatewayException(@Nullable Throwable failure) {
        super(DETAIL, failure);
    }
}
