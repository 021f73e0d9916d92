package io.saaskit.boot.jobs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

import io.saaskit.core.jobs.JobSchedule;

import org.springframework.scheduling.support.CronExpression;

/**
 * A {@link JobSchedule} from a Spring cron expression with six fields (second, minute, hour, day of month, month,
 * day of week), always evaluated in UTC: {@code 0 0 2 * * *} is every day at 02:00 UTC, {@code *}{@code /5 * * * * *}
 * every five seconds.
 */
public final class CronJobSchedule implements JobSchedule {

    private final String expression;
    private final CronExpression cron;

    private CronJobSchedule(String expression, CronExpression cron) {
        this.expression = expression;
        this.cron = cron;
    }

    /**
     * Parses a cron expression.
     * @param expression six space-separated fields
     * @return the schedule
     * @throws IllegalArgumentException when the expression is invalid
     */
    public static CronJobSchedule of(String expression) {
        Objects.requireNonNull(expression, "expression");
        String trimmed = expression.trim();
        return new CronJobSchedule(trimmed, CronExpression.parse(trimmed));
    }

    @Override
    public Instant nextAfter(Instant after) {
        ZonedDateTime next = this.cron.next(after.atZone(ZoneOffset.UTC));
        if (next == null) {
            throw new IllegalStateException("The cron expression " + this.expression + " never triggers again");
        }
        return next.toInstant();
    }

    @Override
    public String expression() {
        return this.expression;
    }

    @Override
    public String toString() {
        return "cron " + this.expression + " (UTC)";
    }
}
