package io.saaskit.core.shared;

/**
 * The request cannot be served as asked, for a reason that is not a field rule (for example an auth provider
 * that is not configured).
 */
public class BadRequestException extends SaasException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "BAD_REQUEST";
    }
}
