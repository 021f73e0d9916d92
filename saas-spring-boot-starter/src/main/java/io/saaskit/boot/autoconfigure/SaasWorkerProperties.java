package io.saaskit.boot.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The job queue, the worker and the scheduler, bound from {@code saaskit.worker.*}.
 *
 * @param enabled Whether this process runs the worker and the scheduler. False gives an API-only process, which
 * still enqueues jobs.
 * @param concurrency How many jobs this process runs in parallel, across all queues (WORKER_CONCURRENCY).
 * @param lease How long a claimed job stays invisible to other workers; extended every third of it while the job
 * runs (WORKER_LEASE). A worker that dies leaves its jobs to others after this long.
 * @param dispatchInterval How often the webhook dispatcher re-enqueues due or abandoned work
 * (WORKER_DISPATCH_INTERVAL); the schedule of the Stripe dispatcher.
 * @param pollInterval How long an idle worker waits before looking for jobs again.
 * @param schedulerInterval How often the scheduler looks for due scheduled jobs; shorter than the shortest schedule.
 * @param maxAttempts Attempts before a failing job moves to the dead letters.
 * @param retryDelay The wait after a job's first failure; it doubles with each further failure (20 % jitter).
 * @param maxRetryDelay The longest wait between two attempts.
 * @param cron The schedules of saaskit's jobs: Spring cron expressions with seconds, always in UTC.
 */
@ConfigurationProperties("saaskit.worker")
public record SaasWorkerProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5") int concurrency,
        @DefaultValue("5m") Duration lease, @DefaultValue("5s") Duration dispatchInterval,
        @DefaultValue("1s") Duration pollInterval, @DefaultValue("1s") Duration schedulerInterval,
        @DefaultValue("8") int maxAttempts, @DefaultValue("10s") Duration retryDelay,
        @DefaultValue("1h") Duration maxRetryDelay, @DefaultValue Cron cron) {

    /**
     * Cron expressions of the scheduled jobs, six fields (second first), in UTC.
     *
     * @param usageRollup The daily recompute of yesterday's usage rollups.
     * @param auditRetention The daily deletion of audit rows past their retention.
     * @param sessionCleanup The hourly deletion of expired sessions and rate-limit buckets.
     * @param reconcile The daily reconciliation of subscriptions with Stripe.
     */
    public record Cron(@DefaultValue("0 0 2 * * *") String usageRollup,
            @DefaultValue("0 30 2 * * *") String auditRetention, @DefaultValue("0 0 * * * *") String sessionCleanup,
            @DefaultValue("0 0 3 * * *") String reconcile) {
    }
}
