package io.saaskit.example;

import org.jspecify.annotations.Nullable;

/**
 * The app refuses to start because of how it was configured, and can say what to change.
 *
 * <p>Thrown for the operator, not for code: {@link StartupRefusedFailureAnalyzer} prints the message and the action
 * as Spring Boot's "APPLICATION FAILED TO START" report instead of a bean-creation stack trace.
 */
public class StartupRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String action;

    /**
     * Creates the refusal.
     * @param description what is wrong
     * @param action what the operator should do about it
     */
    public StartupRefusedException(String description, String action) {
        this(description, action, null);
    }

    /**
     * Creates the refusal with the failure that caused it.
     * @param description what is wrong
     * @param action what the operator should do about it
     * @param cause the underlying failure, or {@code null}
     */
    public StartupRefusedException(String description, String action, @Nullable Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /**
     * What the operator should change.
     * @return the action
     */
    public String action() {
        return this.action;
    }
}
