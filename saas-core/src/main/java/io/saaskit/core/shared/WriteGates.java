package io.saaskit.core.shared;

import java.time.Duration;
import java.util.Objects;

import io.saaskit.core.shared.port.WriteGate;

/**
 * The argument rules every {@link WriteGate} implementation applies, kept in one place so that they agree.
 */
public final class WriteGates {

    private WriteGates() {
    }

    /**
     * Checks a gate key and interval.
     * @param key the key
     * @param interval the interval
     * @throws IllegalArgumentException when the key is empty or too long, or the interval not positive
     */
    public static void check(String key, Duration interval) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(interval, "interval");
        if (key.isEmpty() || key.length() > WriteGate.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("A gate key is 1 to " + WriteGate.MAX_KEY_LENGTH + " characters");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("A gate interval must be positive");
        }
    }
}
