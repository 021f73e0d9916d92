package io.saaskit.core.metering;

import java.util.Objects;

/**
 * The outcome of posting a usage event: the stored event, and whether this was a replay of an earlier post with
 * the same idempotency key and payload.
 *
 * @param event the event as stored
 * @param replayed true when nothing new was recorded
 */
public record RecordedUsageEvent(UsageEvent event, boolean replayed) {

    public RecordedUsageEvent {
        Objects.requireNonNull(event, "event");
    }
}
