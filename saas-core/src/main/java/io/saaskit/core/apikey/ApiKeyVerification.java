package io.saaskit.core.apikey;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of presenting an API key: callers branch on it instead of catching exceptions.
 */
public sealed interface ApiKeyVerification {

    /**
     * The key is valid, not revoked, not expired, and belongs to the requested organization.
     *
     * @param key the key as last read (possibly from the short-lived cache)
     */
    record Valid(ApiKey key) implements ApiKeyVerification {

        public Valid {
            Objects.requireNonNull(key, "key");
        }
    }

    /**
     * The key was refused. Clients see the same 401 body for every reason except a missing key, so the reason is
     * for logs only.
     *
     * @param reason why
     * @param prefix the first 12 characters of the presented value when they are harmless key characters, for the
     *               log line; {@code null} otherwise
     */
    record Rejected(Reason reason, @Nullable String prefix) implements ApiKeyVerification {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a key was refused, with the log reason the original product used. */
    enum Reason {

        /** No {@code Authorization: Bearer} value. */
        MISSING_API_KEY("missing_api_key", "Missing API key"),

        /** Not the key format, or a wrong checksum; refused without any lookup. */
        MALFORMED_API_KEY("malformed_api_key", "Invalid API key"),

        /** Unknown, expired, or for another organization than the requested one. */
        INVALID_API_KEY("invalid_api_key", "Invalid API key"),

        /** Revoked. */
        REVOKED_API_KEY("revoked_api_key", "Invalid API key");

        private final String logValue;

        private final String message;

        Reason(String logValue, String message) {
            this.logValue = logValue;
            this.message = message;
        }

        /**
         * The reason as written in logs.
         * @return for example {@code revoked_api_key}
         */
        public String logValue() {
            return this.logValue;
        }

        /**
         * What the client is told: "Missing API key", or "Invalid API key" for every other reason.
         * @return the message
         */
        public String message() {
            return this.message;
        }
    }
}
