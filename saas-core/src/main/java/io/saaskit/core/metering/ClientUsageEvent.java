package io.saaskit.core.metering;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A usage event as a client posts it to {@code /usage/events}, not yet validated.
 *
 * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null} when absent
 * @param metric the metric, or {@code null} when absent
 * @param quantity the quantity, or {@code null} when absent
 * @param timestamp when the use happened, or {@code null} for now
 * @param properties the {@code properties} object as compact JSON text, or {@code null}
 * @param payloadHash SHA-256 hex of the RFC 8785 canonical JSON of
 *                    {@code {metric,quantity,timestamp,properties}} as sent; replays must match it
 */
public record ClientUsageEvent(@Nullable String idempotencyKey, @Nullable String metric, @Nullable Long quantity,
        @Nullable Instant timestamp, @Nullable String properties, String payloadHash) {

    public ClientUsageEvent {
        Objects.requireNonNull(payloadHash, "payloadHash");
    }
}
