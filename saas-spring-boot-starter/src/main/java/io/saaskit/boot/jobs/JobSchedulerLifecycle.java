package io.saaskit.boot.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.jobs.JobScheduler;
import io.saaskit.core.jobs.ScheduledJob;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link JobScheduler} on one background thread, ticking at a fixed interval from the application's start
 * until its shutdown. A tick that fails (the database is down) is logged and retried at the next tick; the trigger
 * it could not take stays due, so nothing is skipped.
 */
public final class JobSchedulerLifecycle implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(JobSchedulerLifecycle.class);

    private final JobScheduler scheduler;
    private final Duration interval;
    private @Nullable ScheduledExecutorService executor;
    private volatile boolean failing;

    /**
     * Creates the lifecycle.
     * @param scheduler the scheduler
     * @param interval how often it ticks
     */
    public JobSchedulerLifecycle(JobScheduler scheduler, Duration interval) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    @Override
    public synchronized void start() {
        if (this.executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((runnable) -> {
            Thread thread = new Thread(runnable, "saaskit-job-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.max(1, this.interval.toMillis());
        started.scheduleWithFixedDelay(this::tick, 0, millis, TimeUnit.MILLISECONDS);
        this.executor = started;
        for (ScheduledJob job : this.scheduler.jobs()) {
            logger.info("Scheduled job {} ({}): {}", job.name(), job.request().type(), job.schedule().expression());
        }
    }

    private void tick() {
        try {
            List<String> fired = this.scheduler.tick();
            for (String name : fired) {
                logger.info("Scheduled job {} enqueued", name);
            }
            if (this.failing) {
                this.failing = false;
                logger.info("Scheduler recovered");
            }
        }
        catch (RuntimeException ex) {
            if (!this.failing) {
                this.failing = true;
                logger.warn("Scheduler tick failed, retrying every {} ms: {}: {}", this.interval.toMillis(),
                        ex.getClass().getName(), ex.getMessage());
            }
        }
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService current = this.executor;
        if (current != null) {
            current.shutdownNow();
            this.executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.executor != null;
    }

    @Override
    public int getPhase() {
        return JobWorkerLifecycle.PHASE;
    }
}
