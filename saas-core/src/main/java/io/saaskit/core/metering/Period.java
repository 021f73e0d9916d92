package io.saaskit.core.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A usage period {@code [start, end)}: the current period of an entitled subscription, or a UTC calendar month.
 *
 * @param start inclusive start
 * @param end exclusive end
 */
public record Period(Instant start, Instant end) {

    public Period {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("A period must end after it starts");
        }
    }

    /**
     * The UTC calendar month containing an instant.
     * @param instant the instant
     * @return the month {@code [1st 00:00Z, next 1st 00:00Z)}
     */
    public static Period calendarMonthOf(Instant instant) {
        YearMonth month = YearMonth.from(instant.atZone(ZoneOffset.UTC));
        LocalDate first = month.atDay(1);
        return new Period(first.atStartOfDay(ZoneOffset.UTC).toInstant(),
                first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    /**
     * Whether an instant falls inside the period.
     * @param instant the instant
     * @return true when {@code start <= instant < end}
     */
    public boolean contains(Instant instant) {
        return !instant.isBefore(this.start) && instant.isBefore(this.end);
    }
}
