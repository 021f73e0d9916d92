package io.saaskit.core.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.jobs.port.JobBroker;
import org.jspecify.annotations.Nullable;

/**
 * Runs jobs: claims them from a {@link JobBroker}, up to {@link WorkerSettings#concurrency()} at a time across all
 * queues, hands each to the {@link JobHandler} of its type, and settles the delivery by the outcome.
 *
 * <p>A handler that returns completes the job; one that throws fails the attempt, which the broker retries with
 * backoff or moves to the dead letters. A job of a type nobody handles fails the same way, so it ends in the dead
 * letters instead of blocking anything. While a job runs its lease is extended every third of the lease.
 *
 * <p>{@link #stop(Duration)} shuts down gracefully: the worker stops claiming, waits for running jobs within the
 * given time, then gives the ones still running back to their queue (lease released, attempt not counted) and
 * interrupts their threads; whatever they do afterwards is not settled.
 */
public final class JobWorker {

    private static final int MAX_ERROR_LENGTH = 1000;

    private final JobBroker broker;
    private final Map<String, JobHandler> handlers;
    private final JobListener listener;
    private final Clock clock;
    private final WorkerSettings settings;
    private final Semaphore slots;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicBoolean started = new AtomicBoolean();
    private @Nullable ExecutorService runners;
    private @Nullable ScheduledExecutorService leases;
    private @Nullable Thread claimer;

    /**
     * Creates a worker; it does nothing until {@link #start()}.
     * @param broker the queue to claim from
     * @param handlers the handlers, at most one per job type
     * @param listener hears the outcomes
     * @param clock the clock
     * @param settings how the worker runs
     * @throws IllegalArgumentException when two handlers claim the same type
     */
    public JobWorker(JobBroker broker, List<? extends JobHandler> handlers, JobListener listener, Clock clock,
            WorkerSettings settings) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        Map<String, JobHandler> byType = new HashMap<>();
        for (JobHandler handler : handlers) {
            JobHandler previous = byType.putIfAbsent(handler.type(), handler);
            if (previous != null) {
                throw new IllegalArgumentException("Two handlers for job type " + handler.type() + ": "
                        + previous.getClass().getName() + " and " + handler.getClass().getName());
            }
        }
        this.handlers = Map.copyOf(byType);
        this.slots = new Semaphore(settings.concurrency());
    }

    /**
     * The job types this worker runs.
     * @return the types
     */
    public List<String> types() {
        return this.handlers.keySet().stream().sorted().toList();
    }

    /**
     * Starts claiming and running jobs in background threads. Does nothing when already started.
     */
    public void start() {
        if (!this.started.compareAndSet(false, true)) {
            return;
        }
        this.runners = Executors.newFixedThreadPool(this.settings.concurrency(), threads("saaskit-job", true));
        this.leases = Executors.newSingleThreadScheduledExecutor(threads("saaskit-job-leases", false));
        long extendEvery = Math.max(1, this.settings.lease().toMillis() / 3);
        this.leases.scheduleWithFixedDelay(this::extendLeases, extendEvery, extendEvery, TimeUnit.MILLISECONDS);
        Thread thread = threads("saaskit-job-claimer", false).newThread(this::claimLoop);
        this.claimer = thread;
        thread.start();
    }

    /**
     * Whether the worker was started and not stopped.
     * @return true while it claims jobs
     */
    public boolean isRunning() {
        return this.started.get() && this.stopping.getCount() > 0;
    }

    /**
     * How many jobs are running now.
     * @return the count
     */
    public int running() {
        return this.inFlight.size();
    }

    /**
     * Stops gracefully: no more claims, running jobs get up to {@code timeout} to finish, the rest go back to their
     * queue with the attempt not counted.
     * @param timeout how long to wait for running jobs
     * @return how many jobs were given back
     */
    public int stop(Duration timeout) {
        this.stopping.countDown();
        if (!this.started.get()) {
            return 0;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread thread = this.claimer;
        ExecutorService pool = this.runners;
        ScheduledExecutorService extender = this.leases;
        try {
            if (thread != null) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            if (pool != null) {
                pool.shutdown();
                pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        int released = 0;
        for (InFlight running : new ArrayList<>(this.inFlight.values())) {
            if (giveBack(running)) {
                released++;
            }
        }
        if (pool != null) {
            pool.shutdownNow();
        }
        if (extender != null) {
            extender.shutdownNow();
        }
        return released;
    }

    /** Releases a job that will not run to its end here, unless it was settled already. */
    private boolean giveBack(InFlight running) {
        if (!running.settle()) {
            return false;
        }
        try {
            this.broker.release(running.claimed());
            this.listener.released(running.claimed().job());
        }
        catch (RuntimeException ex) {
            // Unreleased, the job comes back when its lease ends, with the attempt counted.
            this.listener.queueUnavailable(ex);
        }
        return true;
    }

    private void claimLoop() {
        while (this.stopping.getCount() > 0) {
            int free;
            try {
                if (!this.slots.tryAcquire(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
            free = 1 + this.slots.drainPermits();
            if (this.stopping.getCount() == 0) {
                this.slots.release(free);
                return;
            }
            List<ClaimedJob> claimed;
            try {
                claimed = this.broker.claim(free, this.settings.lease());
            }
            catch (RuntimeException ex) {
                this.slots.release(free);
                this.listener.queueUnavailable(ex);
                pause();
                continue;
            }
            this.slots.release(free - claimed.size());
            for (ClaimedJob job : claimed) {
                InFlight running = new InFlight(job);
                this.inFlight.put(job.receipt(), running);
                try {
                    Objects.requireNonNull(this.runners).execute(() -> run(running));
                }
                catch (RejectedExecutionException ex) {
                    // Stopped while claiming: the job goes back at once rather than after its lease.
                    giveBack(running);
                    this.inFlight.remove(job.receipt());
                    this.slots.release();
                }
            }
            if (claimed.isEmpty()) {
                pause();
            }
        }
    }

    private void pause() {
        try {
            this.stopping.await(this.settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void run(InFlight running) {
        ClaimedJob claimed = running.claimed();
        Job job = claimed.job();
        try {
            this.listener.started(job);
            Instant start = this.clock.instant();
            RuntimeException failure = null;
            try {
                JobHandler handler = this.handlers.get(job.type());
                if (handler == null) {
                    throw new IllegalStateException("No handler for job type " + job.type());
                }
                handler.handle(job);
            }
            catch (RuntimeException ex) {
                failure = ex;
            }
            if (!running.settle()) {
                return;
            }
            try {
                if (failure == null) {
                    this.broker.complete(claimed);
                    this.listener.succeeded(job, Duration.between(start, this.clock.instant()));
                }
                else {
                    boolean dead = this.broker.fail(claimed, describe(failure));
                    this.listener.failed(job, failure, dead);
                }
            }
            catch (RuntimeException ex) {
                // Unsettled, the job comes back when its lease ends.
                this.listener.queueUnavailable(ex);
            }
        }
        finally {
            this.inFlight.remove(claimed.receipt());
            this.slots.release();
            this.listener.finished(job);
        }
    }

    private void extendLeases() {
        for (InFlight running : this.inFlight.values()) {
            if (running.isSettled()) {
                continue;
            }
            try {
                if (!this.broker.extend(running.claimed(), this.settings.lease())) {
                    this.listener.leaseLost(running.claimed().job());
                }
            }
            catch (RuntimeException ex) {
                this.listener.queueUnavailable(ex);
            }
        }
    }

    private static String describe(RuntimeException failure) {
        String message = failure.getMessage();
        String text = failure.getClass().getName() + ((message != null) ? ": " + message : "");
        return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private static ThreadFactory threads(String prefix, boolean numbered) {
        AtomicInteger counter = new AtomicInteger();
        return (runnable) -> {
            Thread thread = new Thread(runnable, numbered ? prefix + "-" + counter.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public String toString() {
        return "JobWorker[" + this.broker + ", " + types() + ", " + this.settings + "]";
    }

    /** A job running on this worker; settled exactly once, by its outcome or by the shutdown. */
    private static final class InFlight {

        private final ClaimedJob claimed;
        private final AtomicBoolean settled = new AtomicBoolean();

        InFlight(ClaimedJob claimed) {
            this.claimed = claimed;
        }

        ClaimedJob claimed() {
            return this.claimed;
        }

        boolean settle() {
            return this.settled.compareAndSet(false, true);
        }

        boolean isSettled() {
            return this.settled.get();
        }
    }
}
