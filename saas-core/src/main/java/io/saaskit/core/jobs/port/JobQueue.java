package io.saaskit.core.jobs.port;

import java.util.List;

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

    /**
     * Adds several jobs, for example those of one group-committed batch. Implementations that talk to a server
     * send them together (one round trip rather than one per job); the default enqueues them one by one. Either
     * way, when it throws, any of the jobs may or may not have been enqueued (jobs are delivered at least once).
     * @param requests the jobs
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the queue cannot be reached
     */
    default void enqueueAll(List<JobRequest> requests) {
        requests.forEach(this::enqueue);
    }
}
