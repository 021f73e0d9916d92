package io.saaskit.boot.jobs;

import java.time.Duration;
import java.util.Objects;

import io.saaskit.core.jobs.JobWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the {@link JobWorker} with the application and stops it gracefully on shutdown: it stops claiming, waits
 * for running jobs within the shutdown timeout (less a second kept for giving back what is left), then returns the
 * jobs still running to their queue without counting the attempt.
 *
 * <p>It stops in the same lifecycle phase as the web server's graceful shutdown, asynchronously, so in-flight
 * requests and running jobs share one shutdown budget instead of waiting for each other.
 */
public final class JobWorkerLifecycle implements SmartLifecycle {

    /** The phase of Spring Boot's graceful web server shutdown. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final Duration RELEASE_RESERVE = Duration.ofSeconds(1);

    private static final Logger logger = LoggerFactory.getLogger(JobWorkerLifecycle.class);

    private final JobWorker worker;
    private final Duration shutdownTimeout;
    private volatile boolean running;

    /**
     * Creates the lifecycle.
     * @param worker the worker
     * @param shutdownTimeout how long shutdown may take in all ({@code saaskit.shutdown-timeout})
     */
    public JobWorkerLifecycle(JobWorker worker, Duration shutdownTimeout) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    @Override
    public void start() {
        this.worker.start();
        this.running = true;
        logger.info("Worker started: job types {}", this.worker.types());
    }

    @Override
    public void stop() {
        stopWorker();
    }

    @Override
    public void stop(Runnable callback) {
        Thread thread = new Thread(() -> {
            try {
                stopWorker();
            }
            finally {
                callback.run();
            }
        }, "saaskit-job-shutdown");
        thread.setDaemon(true);
        thread.start();
    }

    private void stopWorker() {
        if (!this.running) {
            return;
        }
        this.running = false;
        Duration wait = this.shutdownTimeout.minus(RELEASE_RESERVE);
        int released = this.worker.stop(wait.isNegative() ? Duration.ZERO : wait);
        logger.atInfo().addKeyValue("returned", released).log("Worker stopped");
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
