package io.saaskit.core.jobs.port;

import java.time.Instant;

/**
 * Keeps the next trigger of every scheduled job where all instances see it, so that each trigger fires exactly
 * once across the cluster: the instance that moves the trigger forward (compare and set) enqueues the job.
 *
 * <p>Implementations backed by the application's database join the caller's
 * {@link io.saaskit.core.shared.port.TransactionRunner} unit of work, so a trigger is taken together with the
 * enqueueing of its job or not at all.
 */
public interface SchedulerLockStore {

    /**
     * The stored next trigger of a schedule. A schedule seen for the first time, or whose expression changed, is
     * stored with {@code proposed}.
     * @param name the schedule
     * @param expression the schedule's current expression
     * @param proposed the trigger to store when none is stored for this expression
     * @return the stored next trigger
     */
    Instant nextTrigger(String name, String expression, Instant proposed);

    /**
     * Takes a trigger: moves the schedule's next trigger from {@code expected} to {@code next}, unless another
     * instance already did.
     * @param name the schedule
     * @param expected the trigger this instance saw as due
     * @param next the following trigger
     * @return true when this caller took the trigger
     */
    boolean advance(String name, Instant expected, Instant next);
}
