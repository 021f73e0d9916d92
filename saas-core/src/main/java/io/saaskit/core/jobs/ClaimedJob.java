package io.saaskit.core.jobs;

import java.util.Objects;

/**
 * A job a worker has claimed and holds a lease on, with the receipt the queue needs to settle that delivery.
 *
 * <p>The receipt identifies this one delivery (for example a stream message id or a lease token), so settling a
 * delivery whose lease was lost and handed to another worker changes nothing.
 *
 * @param job the job
 * @param receipt the queue's handle of this delivery, opaque to callers
 */
public record ClaimedJob(Job job, String receipt) {

    public ClaimedJob {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(receipt, "receipt");
    }
}
