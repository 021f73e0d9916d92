package io.saaskit.core.shared;

/**
 * Root of every refusal the core raises.
 *
 * <p>Each subclass carries a stable {@link #code()} that the web layer maps, in one place, to an HTTP status and
 * a problem type. Callers branch on the type or the code, never on the message, which is written for humans.
 */
public abstract class SaasException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    protected SaasException(String message) {
        super(message, null, false, false);
    }

    /**
     * The stable error code, for example {@code VALIDATION_FAILED}.
     * @return the code, never {@code null}
     */
    public abstract String code();
}
