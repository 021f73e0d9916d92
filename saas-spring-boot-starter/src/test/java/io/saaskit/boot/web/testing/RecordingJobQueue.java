package io.saaskit.boot.web.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.shared.ServiceUnavailableException;

/**
 * A {@link JobQueue} for tests: it records what is enqueued, in order, and can be made unreachable. Tests run the
 * recorded jobs through their handlers themselves ({@link #drain}).
 */
public final class RecordingJobQueue implements JobQueue {

    private final List<JobRequest> requests = new CopyOnWriteArrayList<>();

    private volatile boolean down;

    @Override
    public void enqueue(JobRequest request) {
        if (this.down) {
            throw new ServiceUnavailableException(null);
        }
        this.requests.add(request);
    }

    /**
     * Makes the queue unreachable, or reachable again.
     * @param down whether enqueues fail
     */
    public void down(boolean down) {
        this.down = down;
    }

    /**
     * Every job enqueued so far and not drained.
     * @return the jobs, in order
     */
    public List<JobRequest> requests() {
        return List.copyOf(this.requests);
    }

    /**
     * Takes every job enqueued so far and not drained.
     * @return the jobs, in order
     */
    public synchronized List<JobRequest> drain() {
        List<JobRequest> drained = new ArrayList<>(this.requests);
        this.requests.removeAll(drained);
        return drained;
    }
}
