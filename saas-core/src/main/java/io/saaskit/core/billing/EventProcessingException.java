package io.saaskit.core.billing;

import io.saaskit.core.shared.SaasException;

/**
 * A webhook event cannot be applied yet (for example no organization is linked to it); the attempt fails and is
 * retried with backoff.
 */
public class EventProcessingException extends SaasException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     * @param message what is missing, stored as the row's last error
     */
    public EventProcessingException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "CONFLICT";
    }
}
