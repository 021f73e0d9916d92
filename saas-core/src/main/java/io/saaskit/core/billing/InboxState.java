package io.saaskit.core.billing;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a received webhook event is in its processing (§7.4).
 */
public enum InboxState {

    /** Stored, waiting for the worker. */
    RECEIVED,

    /** Claimed by a worker until its lease ends. */
    PROCESSING,

    /** Applied. Terminal. */
    PROCESSED,

    /** Nothing to do (unknown type, or an organization that does not exist). Terminal. */
    IGNORED,

    /** An attempt failed; retried at {@code next_attempt_at}. */
    FAILED,

    /** Every attempt failed; waits for a replay or a redelivery. */
    DEAD;

    /**
     * The state as stored and shown in the API.
     * @return the lower-case name
     */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored or requested state.
     * @param key the lower-case name
     * @return the state, or empty when unknown
     */
    public static Optional<InboxState> of(String key) {
        for (InboxState state : values()) {
            if (state.key().equals(key)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
