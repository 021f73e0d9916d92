package io.saaskit.core.metering;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * One admitted, billable use of a metric: a {@code GET /data} call or an event posted to {@code /usage/events}.
 *
 * <p>Instants are truncated to microseconds, the precision PostgreSQL keeps, so an event reads back equal to the
 * one written.
 *
 * @param id the event id
 * @param orgId the organization billed
 * @param metric the metric
 * @param quantity how much, positive
 * @param occurredAt when the use happened
 * @param recordedAt when it was admitted
 * @param apiKeyId the key that made the call, or {@code null}
 * @param idempotencyKey unique per organization: {@code auto:<uuid>} for metered routes, the client's key otherwise
 * @param payloadHash SHA-256 hex of the canonical request payload (client events), or {@code null}
 * @param requestId the request id, or {@code null}
 * @param properties the client's {@code properties} as JSON object text, or {@code null}
 */
public record UsageEvent(UUID id, OrgId orgId, String metric, long quantity, Instant occurredAt, Instant recordedAt,
        @Nullable ApiKeyId apiKeyId, String idempotencyKey, @Nullable String payloadHash, @Nullable String requestId,
        @Nullable String properties) {

    public UsageEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (quantity <= 0) {
            throw new IllegalArgumentException("A usage quantity must be positive");
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
    }
}
