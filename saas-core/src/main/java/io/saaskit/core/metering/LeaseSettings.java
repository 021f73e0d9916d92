package io.saaskit.core.metering;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link LeasingQuotaCounter} leases quota from the shared counter.
 *
 * @param maxBlock the largest block leased at once; 1 turns leasing off (every request asks the shared counter)
 * @param divisor a block is at most the shared counter's remaining quota divided by this, so blocks shrink as the
 *                limit nears and reach 1 for the last {@code divisor} units
 * @param idleReturn how long an unused lease stays with this instance before it is given back to the shared
 *                   counter for other instances
 */
public record LeaseSettings(int maxBlock, int divisor, Duration idleReturn) {

    public LeaseSettings {
        Objects.requireNonNull(idleReturn, "idleReturn");
        if (maxBlock < 1 || divisor < 1) {
            throw new IllegalArgumentException("maxBlock and divisor must be positive");
        }
        if (idleReturn.isNegative() || idleReturn.isZero()) {
            throw new IllegalArgumentException("idleReturn must be positive");
        }
    }

    /**
     * The recommended settings: blocks of up to 100, at most a 64th of what remains, unused leases returned after
     * two idle seconds.
     * @return the defaults
     */
    public static LeaseSettings defaults() {
        return new LeaseSettings(100, 64, Duration.ofSeconds(2));
    }
}
