package io.saaskit.core.identity;

import java.time.Duration;
import java.util.Objects;

/**
 * How sessions live and die.
 *
 * @param ttl absolute lifetime from creation, whatever the activity
 * @param idleTimeout lifetime without activity
 * @param sliding whether activity pushes the idle expiry forward
 * @param maxPerUser how many sessions a user keeps; older ones are evicted
 * @param secret the key that signs session tokens; changing it invalidates every session
 */
public record SessionSettings(Duration ttl, Duration idleTimeout, boolean sliding, int maxPerUser, String secret) {

    public SessionSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(secret, "secret");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("Session TTL must be positive");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("Session idle timeout must be positive");
        }
        if (maxPerUser < 1) {
            throw new IllegalArgumentException("Sessions per user must be at least 1");
        }
        if (secret.length() < 16) {
            throw new IllegalArgumentException("Session secret must be at least 16 characters");
        }
    }

    @Override
    public String toString() {
        return "SessionSettings[ttl=" + this.ttl + ", idleTimeout=" + this.idleTimeout + ", sliding=" + this.sliding
                + ", maxPerUser=" + this.maxPerUser + ", secret=<redacted>]";
    }
}
