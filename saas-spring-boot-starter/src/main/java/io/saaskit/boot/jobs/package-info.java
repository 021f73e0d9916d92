/**
 * The worker side of saaskit on Spring: the lifecycles that run the {@link io.saaskit.core.jobs.JobWorker} and the
 * {@link io.saaskit.core.jobs.JobScheduler}, cron schedules, logging of job outcomes, and saaskit's own job handlers
 * ({@code usage-rollup}, {@code session-cleanup}).
 */
@NullMarked
package io.saaskit.boot.jobs;

import org.jspecify.annotations.NullMarked;
