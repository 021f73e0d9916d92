package io.saaskit.core.metering;

/**
 * The answer of a {@link io.saaskit.core.metering.port.QuotaCounter} to a request for quota.
 */
public sealed interface QuotaDecision {

    /**
     * The quantity was admitted and counted.
     *
     * @param used the period's usage including this quantity
     */
    record Admitted(long used) implements QuotaDecision {
    }

    /**
     * Admitting the quantity would pass the limit; nothing was counted.
     *
     * @param used the period's usage, unchanged
     */
    record Refused(long used) implements QuotaDecision {
    }

    /**
     * The counter for this period does not exist yet (new period, or a shared store that lost its data): the
     * caller initialises it from the recorded usage events and asks again.
     */
    record Uninitialized() implements QuotaDecision {
    }
}
