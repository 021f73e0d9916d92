package io.saaskit.core.audit;

import java.util.Optional;

/**
 * The kind of principal an audit row is attributed to.
 */
public enum ActorType {

    /** A signed-in user (session). */
    USER("user"),

    /** An API key. */
    API_KEY("api_key"),

    /** A SCIM client using a SCIM token. */
    SCIM("scim"),

    /** saaskit itself: jobs, webhooks, seeding. */
    SYSTEM("system"),

    /** The operator using the internal admin token. */
    ADMIN("admin");

    private final String value;

    ActorType(String value) {
        this.value = value;
    }

    /**
     * The type as stored and sent, for example {@code api_key}.
     * @return the value
     */
    public String value() {
        return this.value;
    }

    /**
     * Looks a type up by its stored value.
     * @param value a value such as {@code user}
     * @return the type, or empty when unknown
     */
    public static Optional<ActorType> parse(String value) {
        for (ActorType candidate : values()) {
            if (candidate.value.equals(value)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
