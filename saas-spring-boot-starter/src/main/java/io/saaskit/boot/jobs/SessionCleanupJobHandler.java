package io.saaskit.boot.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.saaskit.core.identity.SessionService;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value #TYPE} job, scheduled hourly: deletes sessions past their idle expiry or absolute lifetime, then runs
 * every {@link ExpiredRowsPurge} (expired rate-limit buckets of the PostgreSQL store, and whatever the application
 * adds). Idempotent: a second run finds nothing left to delete.
 */
public final class SessionCleanupJobHandler implements JobHandler {

    /** The job type. */
    public static final String TYPE = "session-cleanup";

    /** What the schedule enqueues. */
    public static final JobRequest REQUEST = new JobRequest(JobRequest.MAINTENANCE, TYPE, "{}");

    private static final Logger logger = LoggerFactory.getLogger(SessionCleanupJobHandler.class);

    private final SessionService sessions;
    private final List<ExpiredRowsPurge> purges;
    private final Clock clock;

    /**
     * Creates the handler.
     * @param sessions deletes expired sessions
     * @param purges the other expired data to delete
     * @param clock the clock
     */
    public SessionCleanupJobHandler(SessionService sessions, List<ExpiredRowsPurge> purges, Clock clock) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.purges = List.copyOf(purges);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) {
        int deleted = this.sessions.deleteExpired();
        logger.atInfo().addKeyValue("deleted", deleted).log("Deleted expired sessions");
        Instant now = this.clock.instant();
        for (ExpiredRowsPurge purge : this.purges) {
            int rows = purge.deleteExpired(now);
            logger.atInfo().addKeyValue("deleted", rows).log("Deleted expired {}", purge.description());
        }
    }
}
