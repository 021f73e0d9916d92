package io.saaskit.core.jobs.port;

import io.saaskit.core.jobs.JobRequest;

/**
 * Carries jobs from the code that requests them to the workers that run them, at least once.
 *
 * <p>Implementations backed by the application's database join the caller's
 * {@link io.saaskit.core.shared.port.TransactionRunner} unit of work, so a job enqueued with the record it refers to
 * commits with it or not at all; other implementations deliver once {@link #enqueue} returns.
 */
public interface JobQueue {

    /**
     * Adds a job to its queue.
     * @param request the job
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the queue cannot be reached
     */
    void enqueue(JobRequest request);
}
