package io.saaskit.core.metering;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import io.saaskit.core.metering.port.UsageEventStore;

/**
 * The usage rollup, run daily by the worker (job {@code usage-rollup}) and on demand for a date: recomputes every
 * {@code api_requests} and {@code api_key:<id>} daily row of one UTC day from the events and sets the quantities,
 * so rows without events become 0. Running it again changes nothing. The rows it had to correct are returned as
 * {@link UsageDrift}, for the host to log as metering drift.
 */
public final class UsageRollupService {

    private final UsageEventStore events;
    private final Clock clock;

    /**
     * Creates the service.
     * @param events the usage store
     * @param clock the clock that says which day is yesterday
     */
    public UsageRollupService(UsageEventStore events, Clock clock) {
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The day a rollup without a date covers: yesterday, in UTC.
     * @return the day
     */
    public LocalDate yesterday() {
        return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC).minusDays(1);
    }

    /**
     * Recomputes the rollups of one day for every organization.
     * @param day the UTC day
     * @return the corrected rows, empty when none drifted
     */
    public List<UsageDrift> rollUp(LocalDate day) {
        Objects.requireNonNull(day, "day");
        return this.events.recomputeDaily(day);
    }
}
