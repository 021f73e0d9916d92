package io.saaskit.core.identity;

/**
 * The outcome of presenting a session token: callers branch on it instead of catching exceptions.
 */
public sealed interface SessionCheck {

    /**
     * The session is valid (and has been refreshed if it was due).
     *
     * @param session the current session state
     */
    record Active(Session session) implements SessionCheck {
    }

    /**
     * The token was refused.
     *
     * @param reason why, for logs only; clients always see "Invalid session"
     */
    record Rejected(Reason reason) implements SessionCheck {
    }

    /** Why a token was refused, with the log reason the original product used. */
    enum Reason {

        /** Bad signature, unknown token, or idle expiry passed. */
        INVALID_SESSION("invalid_session"),

        /** The absolute lifetime passed; the session row was deleted. */
        SESSION_ABSOLUTE_EXPIRED("session_absolute_expired");

        private final String logValue;

        Reason(String logValue) {
            this.logValue = logValue;
        }

        /**
         * The reason as written in logs.
         * @return the log value
         */
        public String logValue() {
            return this.logValue;
        }
    }
}
