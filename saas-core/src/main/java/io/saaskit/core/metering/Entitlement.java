package io.saaskit.core.metering;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an organization's entitled subscription gives it: the plan of its price and, when known, its period.
 *
 * @param stripePriceId the subscription's price
 * @param period the subscription's current period, or {@code null} when not known
 */
public record Entitlement(String stripePriceId, @Nullable Period period) {

    public Entitlement {
        Objects.requireNonNull(stripePriceId, "stripePriceId");
    }
}
