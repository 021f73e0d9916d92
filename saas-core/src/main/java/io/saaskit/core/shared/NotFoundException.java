package io.saaskit.core.shared;

/**
 * The addressed record does not exist in the caller's organization. Another tenant's record is reported exactly
 * like a missing one, so ids never reveal what other tenants hold.
 */
public class NotFoundException extends SaasException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "NOT_FOUND";
    }
}
