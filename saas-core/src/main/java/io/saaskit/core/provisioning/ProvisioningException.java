package io.saaskit.core.provisioning;

import java.util.Objects;

import io.saaskit.core.shared.SaasException;

/**
 * A provisioning request the core refuses, with the SCIM reason ({@link ProvisioningError}) the SCIM layer renders.
 */
public class ProvisioningException extends SaasException {

    private static final long serialVersionUID = 1L;

    private final ProvisioningError error;

    /**
     * Creates the refusal.
     * @param error why
     * @param message the detail for humans
     */
    public ProvisioningException(ProvisioningError error, String message) {
        super(message);
        this.error = Objects.requireNonNull(error, "error");
    }

    /**
     * Why the request was refused.
     * @return the reason
     */
    public ProvisioningError error() {
        return this.error;
    }

    @Override
    public String code() {
        return (this.error.status() == 400) ? "BAD_REQUEST" : "CONFLICT";
    }
}
