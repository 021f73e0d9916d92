package io.saaskit.boot.jobs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs what the worker does and puts {@code jobId} and {@code jobType} in the logging context (MDC) while a job
 * runs, so everything its handler logs carries them. A failure is a warning while the job will be retried and an
 * error once it is dead; only the exception's type and message are logged, never the payload. An unreachable queue
 * is logged at most every 30 seconds, with the number of failures not logged since.
 */
public final class LoggingJobListener implements JobListener {

    /** The MDC key of the running job's id. */
    public static final String JOB_ID = "jobId";

    /** The MDC key of the running job's type. */
    public static final String JOB_TYPE = "jobType";

    private static final Logger logger = LoggerFactory.getLogger(LoggingJobListener.class);

    /** How often an unreachable queue is logged while it stays unreachable. */
    private static final long OUTAGE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final AtomicLong nextOutageLog = new AtomicLong(System.nanoTime());

    private final AtomicLong unloggedOutages = new AtomicLong();

    @Override
    public void started(Job job) {
        MDC.put(JOB_ID, job.id());
        MDC.put(JOB_TYPE, job.type());
        logger.debug("Job started (queue {}, attempt {})", job.queue(), job.attempt());
    }

    @Override
    public void succeeded(Job job, Duration took) {
        logger.atDebug().addKeyValue("durationMs", took.toMillis()).log("Job completed");
    }

    @Override
    public void failed(Job job, RuntimeException error, boolean dead) {
        if (dead) {
            logger.atError().addKeyValue("attempt", job.attempt()).addKeyValue("queue", job.queue())
                    .log("Job failed on its last attempt and is dead: {}", describe(error));
        }
        else {
            logger.atWarn().addKeyValue("attempt", job.attempt()).addKeyValue("queue", job.queue())
                    .log("Job failed and will be retried: {}", describe(error));
        }
    }

    @Override
    public void finished(Job job) {
        MDC.remove(JOB_ID);
        MDC.remove(JOB_TYPE);
    }

    @Override
    public void released(Job job) {
        logger.atInfo().addKeyValue(JOB_ID, job.id()).addKeyValue(JOB_TYPE, job.type())
                .log("Job still running at shutdown was returned to its queue");
    }

    @Override
    public void leaseLost(Job job) {
        logger.atWarn().addKeyValue(JOB_ID, job.id()).addKeyValue(JOB_TYPE, job.type())
                .log("Job lease was lost; the job may run again on another worker");
    }

    @Override
    public void queueUnavailable(RuntimeException error) {
        long now = System.nanoTime();
        long due = this.nextOutageLog.get();
        if (now - due < 0 || !this.nextOutageLog.compareAndSet(due, now + OUTAGE_LOG_INTERVAL_NANOS)) {
            this.unloggedOutages.incrementAndGet();
            return;
        }
        logger.atWarn().addKeyValue("unlogged", this.unloggedOutages.getAndSet(0))
                .log("Job queue unavailable, the worker keeps trying: {}", describe(error));
    }

    private static String describe(RuntimeException error) {
        String message = error.getMessage();
        return error.getClass().getName() + ((message != null) ? ": " + message : "");
    }
}
