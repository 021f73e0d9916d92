package io.saaskit.core.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A schedule that triggers on every multiple of a period since the epoch, so all instances agree on the triggers.
 *
 * @param period the period, at least one millisecond
 */
record FixedRateSchedule(Duration period) implements JobSchedule {

    FixedRateSchedule {
        Objects.requireNonNull(period, "period");
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("A fixed-rate period is at least one millisecond");
        }
    }

    @Override
    public Instant nextAfter(Instant after) {
        long millis = this.period.toMillis();
        long epochMillis = after.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(epochMillis, millis) * millis + millis);
    }

    @Override
    public String expression() {
        return "every " + this.period;
    }
}
