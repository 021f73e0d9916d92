package io.saaskit.core.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.jobs.port.SchedulerLockStore;
import io.saaskit.core.shared.port.TransactionRunner;

/**
 * Enqueues scheduled jobs, once per trigger across every instance that shares the {@link SchedulerLockStore}.
 *
 * <p>Each {@link #tick()} looks at every schedule: when its stored next trigger has come, the instance that moves
 * the trigger forward (compare and set) enqueues the job, in the same transaction when the store and the queue share
 * a database. Triggers missed while no scheduler ran fire once, at the next tick, not once per missed trigger. A
 * schedule seen for the first time starts at its next trigger after now. Each instance remembers the next trigger
 * it last saw, so ticks before it cost no round trip to the store; when another instance took a trigger first, the
 * store is read again. Call {@link #tick()} more often than the
 * shortest schedule's period, for example every second.
 */
public final class JobScheduler {

    private final List<ScheduledJob> jobs;
    private final SchedulerLockStore locks;
    private final JobQueue queue;
    private final TransactionRunner transactions;
    private final Clock clock;

    /** The next trigger of each schedule as last seen in the store, so idle ticks need no round trip. */
    private final Map<String, Instant> known = new ConcurrentHashMap<>();

    /**
     * Creates the scheduler.
     * @param jobs the scheduled jobs, with unique names
     * @param locks where the next triggers are kept
     * @param queue where the jobs are enqueued
     * @param transactions the unit of work taking a trigger and enqueueing its job
     * @param clock the clock
     * @throws IllegalArgumentException when two scheduled jobs share a name
     */
    public JobScheduler(List<ScheduledJob> jobs, SchedulerLockStore locks, JobQueue queue,
            TransactionRunner transactions, Clock clock) {
        Set<String> names = new HashSet<>();
        for (ScheduledJob job : jobs) {
            if (!names.add(job.name())) {
                throw new IllegalArgumentException("Two scheduled jobs are named " + job.name());
            }
        }
        this.jobs = List.copyOf(jobs);
        this.locks = Objects.requireNonNull(locks, "locks");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The scheduled jobs.
     * @return the jobs
     */
    public List<ScheduledJob> jobs() {
        return this.jobs;
    }

    /**
     * Enqueues every scheduled job whose trigger has come and that no other instance took.
     * @return the names of the jobs this call enqueued
     * @throws RuntimeException the first failure, after every schedule was tried (later ones suppressed)
     */
    public List<String> tick() {
        List<String> fired = new ArrayList<>();
        RuntimeException failure = null;
        for (ScheduledJob job : this.jobs) {
            try {
                if (fire(job)) {
                    fired.add(job.name());
                }
            }
            catch (RuntimeException ex) {
                if (failure == null) {
                    failure = ex;
                }
                else {
                    failure.addSuppressed(ex);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return fired;
    }

    private boolean fire(ScheduledJob job) {
        Instant now = this.clock.instant();
        JobSchedule schedule = job.schedule();
        Instant due = this.known.get(job.name());
        if (due == null) {
            due = stored(job, now);
        }
        if (due.isAfter(now)) {
            return false;
        }
        Instant expected = due;
        Instant following = schedule.nextAfter(now);
        Boolean taken = this.transactions.inTransaction(() -> {
            if (!this.locks.advance(job.name(), expected, following)) {
                return false;
            }
            this.queue.enqueue(job.request());
            return true;
        });
        if (Boolean.TRUE.equals(taken)) {
            this.known.put(job.name(), following);
            return true;
        }
        // Another instance took this trigger: learn the one it stored.
        stored(job, now);
        return false;
    }

    private Instant stored(ScheduledJob job, Instant now) {
        JobSchedule schedule = job.schedule();
        Instant next = this.transactions.inTransaction(
                () -> this.locks.nextTrigger(job.name(), schedule.expression(), schedule.nextAfter(now)));
        this.known.put(job.name(), next);
        return next;
    }

    @Override
    public String toString() {
        return "JobScheduler[" + this.jobs.stream().map(ScheduledJob::name).toList() + "]";
    }
}
