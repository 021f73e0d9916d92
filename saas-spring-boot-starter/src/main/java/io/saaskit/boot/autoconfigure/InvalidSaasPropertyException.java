package io.saaskit.boot.autoconfigure;

/**
 * Thrown at startup when a {@code saaskit.*} property holds a value saaskit refuses to run with, such as a session
 * secret that is too short.
 *
 * <p>Unlike Spring Boot's {@code InvalidConfigurationPropertyValueException}, neither this exception nor its failure
 * analysis ever contains the value, because the value may be a secret.
 */
public final class InvalidSaasPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final String reason;

    private final String action;

    InvalidSaasPropertyException(String property, String reason, String action) {
        super("Invalid " + property + ": " + reason);
        this.property = property;
        this.reason = reason;
        this.action = action;
    }

    /**
     * The refused property.
     * @return its canonical name, for example {@code saaskit.session.secret}
     */
    public String getProperty() {
        return this.property;
    }

    /**
     * Why the value is refused.
     * @return one sentence
     */
    public String getReason() {
        return this.reason;
    }

    /**
     * What to change.
     * @return one or two sentences
     */
    public String getAction() {
        return this.action;
    }
}
