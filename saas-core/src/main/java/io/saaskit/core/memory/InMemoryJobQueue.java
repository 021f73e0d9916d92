package io.saaskit.core.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.DeadJob;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobCounts;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.port.JobBroker;
import org.jspecify.annotations.Nullable;

/**
 * A {@link JobBroker} kept in this process, for tests and for embedding the core on a single instance. Leases,
 * retries and dead letters follow the clock it is given; nothing survives a restart.
 */
public final class InMemoryJobQueue implements JobBroker {

    private final Clock clock;
    private final JobRetryPolicy retry;
    private final Map<String, Entry> jobs = new LinkedHashMap<>();
    private long sequence;

    /**
     * Creates an empty queue.
     * @param clock the clock leases and retries follow
     * @param retry when failed jobs are retried and given up
     */
    public InMemoryJobQueue(Clock clock, JobRetryPolicy retry) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    @Override
    public synchronized void enqueue(JobRequest request) {
        String id = UUID.randomUUID().toString();
        this.jobs.put(id, new Entry(id, request, this.clock.instant(), this.sequence++));
    }

    @Override
    public synchronized List<ClaimedJob> claim(int max, Duration lease) {
        if (max < 1) {
            throw new IllegalArgumentException("max is at least 1");
        }
        Instant now = this.clock.instant();
        for (Entry entry : this.jobs.values()) {
            if (entry.receipt != null && !entry.lockedUntil.isAfter(now) && !entry.dead
                    && entry.attempts >= this.retry.maxAttempts()) {
                entry.bury("Lease expired on the last attempt", now);
            }
        }
        List<Entry> due = this.jobs.values().stream()
                .filter((entry) -> !entry.dead)
                .filter((entry) -> (entry.receipt == null) ? !entry.runAt.isAfter(now) : !entry.lockedUntil.isAfter(now))
                .sorted(Comparator.comparing((Entry entry) -> entry.runAt).thenComparingLong((entry) -> entry.order))
                .limit(max)
                .toList();
        List<ClaimedJob> claimed = new ArrayList<>();
        for (Entry entry : due) {
            entry.attempts++;
            entry.receipt = UUID.randomUUID().toString();
            entry.lockedUntil = now.plus(lease);
            claimed.add(new ClaimedJob(entry.job(), entry.receipt));
        }
        return claimed;
    }

    @Override
    public synchronized boolean complete(ClaimedJob job) {
        Entry entry = held(job);
        if (entry == null) {
            return false;
        }
        this.jobs.remove(entry.id);
        return true;
    }

    @Override
    public synchronized boolean fail(ClaimedJob job, String error) {
        Entry entry = held(job);
        if (entry == null) {
            return false;
        }
        Instant now = this.clock.instant();
        entry.receipt = null;
        entry.lastError = error;
        if (!this.retry.retries(entry.attempts)) {
            entry.bury(error, now);
            return true;
        }
        entry.runAt = now.plus(this.retry.delayAfter(entry.attempts));
        return false;
    }

    @Override
    public synchronized void release(ClaimedJob job) {
        Entry entry = held(job);
        if (entry != null) {
            entry.receipt = null;
            entry.attempts--;
            entry.runAt = this.clock.instant();
        }
    }

    @Override
    public synchronized boolean extend(ClaimedJob job, Duration lease) {
        Entry entry = held(job);
        if (entry == null) {
            return false;
        }
        entry.lockedUntil = this.clock.instant().plus(lease);
        return true;
    }

    @Override
    public synchronized JobCounts counts() {
        long failed = this.jobs.values().stream()
                .filter((entry) -> !entry.dead && entry.receipt == null && entry.lastError != null).count();
        long dead = this.jobs.values().stream().filter((entry) -> entry.dead).count();
        return new JobCounts(failed, dead);
    }

    @Override
    public synchronized List<DeadJob> deadLetters(int limit) {
        return this.jobs.values().stream()
                .filter((entry) -> entry.dead)
                .sorted(Comparator.comparing((Entry entry) -> entry.runAt).reversed())
                .limit(limit)
                .map((entry) -> new DeadJob(entry.job(), Objects.requireNonNull(entry.lastError), entry.runAt))
                .toList();
    }

    /** The entry a delivery refers to, while that delivery still holds it (not settled, lease not lost). */
    private @Nullable Entry held(ClaimedJob job) {
        Entry entry = this.jobs.get(job.job().id());
        if (entry == null || entry.dead || !job.receipt().equals(entry.receipt)) {
            return null;
        }
        return entry;
    }

    @Override
    public String toString() {
        return "InMemoryJobQueue[" + this.retry + "]";
    }

    /** One job and its delivery state. */
    private static final class Entry {

        private final String id;
        private final JobRequest request;
        private final long order;
        private Instant runAt;
        private Instant lockedUntil = Instant.EPOCH;
        private int attempts;
        private @Nullable String receipt;
        private @Nullable String lastError;
        private boolean dead;

        Entry(String id, JobRequest request, Instant runAt, long order) {
            this.id = id;
            this.request = request;
            this.runAt = runAt;
            this.order = order;
        }

        Job job() {
            return new Job(this.id, this.request.queue(), this.request.type(), this.request.payload(),
                    Math.max(1, this.attempts));
        }

        void bury(String error, Instant now) {
            this.dead = true;
            this.receipt = null;
            this.lastError = error;
            this.runAt = now;
        }
    }
}
