package io.saaskit.core.shared;

/**
 * The caller could not be authenticated. The message is deliberately coarse ("Invalid session",
 * "Invalid credentials") so failures reveal nothing about which check failed.
 */
public class UnauthorizedException extends SaasException {

    private static final long serialVersionUID = 1L;

    public UnauthorizedException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "UNAUTHORIZED";
    }
}
