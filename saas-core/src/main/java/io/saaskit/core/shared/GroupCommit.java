package io.saaskit.core.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Makes items durable by group commit: a caller hands its item over and waits; writer threads take every queued
 * item and write them with one call of the batch function (one transaction), then wake the waiting callers with
 * their item's result. A caller therefore returns only once its item is durable (an application crash after the
 * answer loses nothing), while the database sees one commit per batch, not per request — the commit, with its
 * WAL flush, is what dominates the cost of a small write.
 *
 * <p>Under load, batches grow on their own while the previous one commits. A {@linkplain GroupCommitSettings#interval()
 * batch interval} makes them bigger still: a writer then starts a batch at most once per interval, so a caller may
 * wait up to one interval longer while the database makes fewer commits; a lone item after a quiet interval is
 * written at once.
 *
 * <p>If a batch fails, every caller in it gets a {@link ServiceUnavailableException} with the failure as its cause,
 * except for a <em>refusal</em>: a failure the batch function raises because of the data of one item (a constraint,
 * a value the store cannot hold), as told by the refusal predicate. The items of a refused batch are then written
 * one by one, so only the offending caller fails, and with the refusal itself, never the callers that merely shared
 * its batch.
 *
 * <p>If a caller gives up waiting before a writer has taken its item, the item is withdrawn and never written, so
 * "failed" always means "not written". Once a writer has taken it, the caller waits for the outcome, whatever it
 * takes.
 *
 * <p>Thread-safe. Writer threads are daemon threads started by the constructor; {@link #close()} writes what is
 * queued and stops them.
 *
 * @param <T> the items
 * @param <R> the result of writing one item
 */
public final class GroupCommit<T, R> implements AutoCloseable {

    private static final int QUEUED = 0;

    private static final int TAKEN = 1;

    private static final int WITHDRAWN = 2;

    private static final long IDLE_POLL_MILLIS = 100;

    private final Function<List<T>, List<R>> batch;

    private final Predicate<RuntimeException> refusal;

    private final GroupCommitSettings settings;

    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();

    private final List<Thread> writers = new ArrayList<>();

    private volatile boolean closed;

    /**
     * Creates the group commit and starts its writer threads, named {@code saaskit-<name>-writer-<n>}.
     * @param name what is written, for the thread names
     * @param batch writes the items in one transaction and returns each item's result, in the items' order; it
     *        runs on one writer thread at a time per batch
     * @param refusal which failures of the batch function are caused by an item's data, so its items are retried
     *        one by one and the offending item's caller gets the failure unchanged
     * @param settings batching settings
     */
    public GroupCommit(String name, Function<List<T>, List<R>> batch, Predicate<RuntimeException> refusal,
            GroupCommitSettings settings) {
        Objects.requireNonNull(name, "name");
        this.batch = Objects.requireNonNull(batch, "batch");
        this.refusal = Objects.requireNonNull(refusal, "refusal");
        this.settings = Objects.requireNonNull(settings, "settings");
        for (int i = 0; i < settings.writers(); i++) {
            Thread writer = new Thread(this::writeLoop, "saaskit-" + name + "-writer-" + i);
            writer.setDaemon(true);
            this.writers.add(writer);
        }
        this.writers.forEach(Thread::start);
    }

    /**
     * Writes an item and returns once its batch has committed.
     * @param item the item
     * @return what the batch function returned for it
     * @throws ServiceUnavailableException when the item could not be written (it was not)
     * @throws RuntimeException the refusal of this item's data, unchanged (it was not written)
     */
    public R commit(T item) {
        if (this.closed) {
            throw new ServiceUnavailableException(null);
        }
        Pending<T, R> pending = new Pending<>(item);
        this.queue.add(pending);
        try {
            return pending.outcome.get(this.settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException ex) {
            return giveUp(pending);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return giveUp(pending);
        }
        catch (ExecutionException ex) {
            throw failure(ex.getCause());
        }
    }

    /** A refusal is the caller's error; any other failure means the store is unavailable. */
    private RuntimeException failure(@Nullable Throwable cause) {
        return (cause instanceof RuntimeException runtime && this.refusal.test(runtime)) ? runtime
                : new ServiceUnavailableException(cause);
    }

    private R giveUp(Pending<T, R> pending) {
        if (pending.state.compareAndSet(QUEUED, WITHDRAWN)) {
            this.queue.remove(pending);
            throw new ServiceUnavailableException(null);
        }
        // A writer has the item: its outcome decides, so the caller never reports a written item as failed.
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    return pending.outcome.get();
                }
                catch (InterruptedException ex) {
                    interrupted = true;
                }
                catch (ExecutionException ex) {
                    throw failure(ex.getCause());
                }
            }
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeLoop() {
        List<Pending<T, R>> batch = new ArrayList<>();
        long intervalNanos = this.settings.interval().toNanos();
        long lastStart = System.nanoTime() - intervalNanos;
        while (true) {
            try {
                Pending<T, R> first = this.queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (this.closed && this.queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                awaitInterval(lastStart + intervalNanos);
                this.queue.drainTo(batch, this.settings.maxBatch() - 1);
                linger(batch);
                lastStart = System.nanoTime();
                write(batch);
            }
            catch (InterruptedException ex) {
                if (this.closed) {
                    this.queue.drainTo(batch);
                    write(batch);
                    return;
                }
            }
            finally {
                batch.clear();
            }
        }
    }

    /**
     * Sleeps until the interval since the previous batch started is over, with one timed park rather than a wake-up
     * per arriving item: the items queued meanwhile are drained together afterwards.
     */
    private static void awaitInterval(long notBefore) {
        long left;
        while ((left = notBefore - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private void linger(List<Pending<T, R>> batch) throws InterruptedException {
        long lingerNanos = this.settings.linger().toNanos();
        if (lingerNanos == 0) {
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < this.settings.maxBatch()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            Pending<T, R> next = this.queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            this.queue.drainTo(batch, this.settings.maxBatch() - batch.size());
        }
    }

    private void write(List<Pending<T, R>> batch) {
        List<Pending<T, R>> taken = new ArrayList<>(batch.size());
        for (Pending<T, R> pending : batch) {
            if (pending.state.compareAndSet(QUEUED, TAKEN)) {
                taken.add(pending);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        List<R> results;
        try {
            results = run(taken);
        }
        catch (RuntimeException failure) {
            if (taken.size() > 1 && this.refusal.test(failure)) {
                taken.forEach(this::writeAlone);
            }
            else {
                taken.forEach((pending) -> pending.outcome.completeExceptionally(failure));
            }
            return;
        }
        catch (Error error) {
            taken.forEach((pending) -> pending.outcome.completeExceptionally(error));
            throw error;
        }
        for (int i = 0; i < taken.size(); i++) {
            taken.get(i).outcome.complete(results.get(i));
        }
    }

    /** Writes one item of a refused batch, so only the offending item's caller fails. */
    private void writeAlone(Pending<T, R> pending) {
        try {
            pending.outcome.complete(run(List.of(pending)).get(0));
        }
        catch (RuntimeException failure) {
            pending.outcome.completeExceptionally(failure);
        }
    }

    private List<R> run(List<Pending<T, R>> pendings) {
        List<R> results = this.batch.apply(pendings.stream().map((pending) -> pending.item).toList());
        if (results.size() != pendings.size()) {
            throw new IllegalStateException("The batch function returned " + results.size() + " results for "
                    + pendings.size() + " items");
        }
        return results;
    }

    /**
     * Stops accepting items, writes the ones already queued, and stops the writer threads; an item still queued
     * when the writers have not stopped within the timeout fails with {@link ServiceUnavailableException}.
     */
    @Override
    public void close() {
        this.closed = true;
        for (Thread writer : this.writers) {
            try {
                writer.join(this.settings.timeout().toMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        Pending<T, R> left;
        while ((left = this.queue.poll()) != null) {
            if (left.state.compareAndSet(QUEUED, WITHDRAWN)) {
                left.outcome.completeExceptionally(new ServiceUnavailableException(null));
            }
        }
    }

    /** An item waiting for its batch. */
    private static final class Pending<T, R> {

        private final T item;

        private final AtomicInteger state = new AtomicInteger(QUEUED);

        private final CompletableFuture<R> outcome = new CompletableFuture<>();

        Pending(T item) {
            this.item = item;
        }
    }
}
