package io.saaskit.boot.web.usage;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.metering.UsageEvent;

/**
 * The body of {@code POST /usage/events}, the same for the first post and every replay of it.
 *
 * @param id the event id
 * @param metric the metric
 * @param quantity the quantity
 * @param timestamp when the use happened
 * @param idempotencyKey the client's key
 */
public record UsageEventResponse(String id, String metric, long quantity, String timestamp, String idempotencyKey) {

    static UsageEventResponse of(UsageEvent event) {
        return new UsageEventResponse(event.id().toString(), event.metric(), event.quantity(),
                JsonTimestamps.format(event.occurredAt()), event.idempotencyKey());
    }
}
