package io.saaskit.core.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * When a {@link ScheduledJob} is due: a cron expression in UTC, a fixed interval, or anything else that can say
 * what comes next. The Spring Boot starter provides cron schedules; {@link #every(Duration)} a fixed rate.
 */
public interface JobSchedule {

    /**
     * The first trigger strictly after an instant.
     * @param after the instant
     * @return the next trigger
     */
    Instant nextAfter(Instant after);

    /**
     * A stable text form of the schedule, such as the cron expression. When it changes (the configuration changed),
     * the stored next trigger is computed afresh.
     * @return the description
     */
    String expression();

    /**
     * A schedule that triggers on every multiple of a period since the epoch, such as every 5 seconds.
     * @param period the period, at least one millisecond
     * @return the schedule
     */
    static JobSchedule every(Duration period) {
        return new FixedRateSchedule(period);
    }
}
