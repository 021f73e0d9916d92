package io.saaskit.core.shared.port;

import java.time.Duration;

/**
 * Lets one caller in the whole deployment through per key and interval, so work that only needs doing once in a
 * while (writing a key's last use, auditing the first refusal of a period) is done once, not once per instance.
 *
 * <p>{@link #tryPass} is atomic across every instance sharing the gate's store: of any number of concurrent callers
 * with the same key, exactly one gets {@code true}; later callers get {@code false} until the interval that caller
 * set has passed. Keys are plain text chosen by the caller, for example {@code api-key-used:<id>}.
 */
public interface WriteGate {

    /** Longest accepted key, in characters. */
    int MAX_KEY_LENGTH = 200;

    /**
     * Passes the first caller and closes the gate behind it for an interval.
     * @param key what the gate guards, 1 to {@value #MAX_KEY_LENGTH} characters
     * @param interval how long the gate stays closed after a pass, positive
     * @return true for the caller that passed, false while the gate is closed
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the gate's store cannot be reached
     */
    boolean tryPass(String key, Duration interval);
}
