package io.saaskit.boot.billing;

import java.time.Duration;
import java.util.Objects;

import io.saaskit.core.billing.StripeEventService;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobHandler;
import io.saaskit.core.jobs.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@value #TYPE} job the scheduler triggers every {@code saaskit.worker.dispatch-interval}: re-enqueues
 * webhook inbox rows whose job the queue may have lost (Redis was down at receipt, a worker crashed), so PostgreSQL
 * stays the record of truth for webhook work.
 */
public final class StripeDispatchJobHandler implements JobHandler {

    /** The job type. */
    public static final String TYPE = "stripe-dispatch";

    /** The job the schedule enqueues. */
    public static final JobRequest REQUEST = new JobRequest(JobRequest.MAINTENANCE, TYPE, "{}");

    /** Most rows re-enqueued by one run; the next run takes the rest. */
    private static final int BATCH = 1000;

    private static final Logger logger = LoggerFactory.getLogger(StripeDispatchJobHandler.class);

    private final StripeEventService events;

    private final Duration grace;

    /**
     * Creates the handler.
     * @param events the event service
     * @param grace how long a received row's own job is given before it is enqueued again
     */
    public StripeDispatchJobHandler(StripeEventService events, Duration grace) {
        this.events = Objects.requireNonNull(events, "events");
        this.grace = Objects.requireNonNull(grace, "grace");
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void handle(Job job) {
        int enqueued = this.events.dispatch(this.grace, BATCH);
        if (enqueued > 0) {
            logger.info("Re-enqueued {} Stripe event(s) from the inbox", enqueued);
        }
    }
}
