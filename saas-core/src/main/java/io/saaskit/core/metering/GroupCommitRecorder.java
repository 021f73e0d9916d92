package io.saaskit.core.metering;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.ServiceUnavailableException;

import org.jspecify.annotations.Nullable;

/**
 * Makes usage events durable by group commit: a request hands its event over and waits; writer threads take every
 * queued event, insert them with one {@link UsageEventStore#insertBatch} transaction, and wake the waiting
 * requests when it has committed. A request therefore answers only once its event is durable (an application
 * crash after the response loses nothing), while the database sees one transaction per batch, not per request.
 *
 * <p>If the batch fails, every request in it gets a {@link ServiceUnavailableException}. If a request gives up waiting
 * before a writer has taken its event, the event is withdrawn and never written, so "failed" always means "not
 * recorded". Once a writer has taken it, the request waits for the outcome, whatever it takes.
 *
 * <p>Thread-safe. Writer threads are daemon threads started by the constructor; {@link #close()} writes what is
 * queued and stops them.
 */
public final class GroupCommitRecorder implements AutoCloseable {

    private static final int QUEUED = 0;

    private static final int TAKEN = 1;

    private static final int WITHDRAWN = 2;

    private static final long IDLE_POLL_MILLIS = 100;

    private final UsageEventStore store;

    private final RecorderSettings settings;

    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    private final List<Thread> writers = new ArrayList<>();

    private volatile boolean closed;

    /**
     * Creates the recorder and starts its writer threads.
     * @param store where events go
     * @param settings batching settings
     */
    public GroupCommitRecorder(UsageEventStore store, RecorderSettings settings) {
        this.store = Objects.requireNonNull(store, "store");
        this.settings = Objects.requireNonNull(settings, "settings");
        for (int i = 0; i < settings.writers(); i++) {
            Thread writer = new Thread(this::writeLoop, "saaskit-usage-writer-" + i);
            writer.setDaemon(true);
            this.writers.add(writer);
        }
        this.writers.forEach(Thread::start);
    }

    /**
     * Records an event and returns once it is durable.
     * @param event the event
     * @return true when inserted, false when its idempotency key was already taken in its organization
     * @throws ServiceUnavailableException when the event could not be recorded (it was not)
     * @throws RejectedUsageEventException when the store refused this event's data (it was not recorded)
     */
    public boolean record(UsageEvent event) {
        if (this.closed) {
            throw new ServiceUnavailableException(null);
        }
        Pending pending = new Pending(event);
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

    /** A refused event is the caller's error; any other failure means the store is unavailable. */
    private static RuntimeException failure(@Nullable Throwable cause) {
        return (cause instanceof RejectedUsageEventException rejected) ? rejected
                : new ServiceUnavailableException(cause);
    }

    private boolean giveUp(Pending pending) {
        if (pending.state.compareAndSet(QUEUED, WITHDRAWN)) {
            this.queue.remove(pending);
            throw new ServiceUnavailableException(null);
        }
        // A writer has the event: its outcome decides, so the caller never reports a recorded event as failed.
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
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = this.queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (this.closed && this.queue.isEmpty()) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                this.queue.drainTo(batch, this.settings.maxBatch() - 1);
                linger(batch);
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

    private void linger(List<Pending> batch) throws InterruptedException {
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
            Pending next = this.queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            this.queue.drainTo(batch, this.settings.maxBatch() - batch.size());
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> taken = new ArrayList<>(batch.size());
        List<UsageEvent> events = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            if (pending.state.compareAndSet(QUEUED, TAKEN)) {
                taken.add(pending);
                events.add(pending.event);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        Set<UUID> inserted;
        try {
            inserted = this.store.insertBatch(events);
        }
        catch (RejectedUsageEventException rejected) {
            if (taken.size() == 1) {
                taken.get(0).outcome.completeExceptionally(rejected);
            }
            else {
                taken.forEach(this::writeAlone);
            }
            return;
        }
        catch (RuntimeException | Error failure) {
            taken.forEach((pending) -> pending.outcome.completeExceptionally(failure));
            if (failure instanceof Error error) {
                throw error;
            }
            return;
        }
        taken.forEach((pending) -> pending.outcome.complete(inserted.contains(pending.event.id())));
    }

    /** Writes one event of a batch the store refused, so only the offending event's request fails. */
    private void writeAlone(Pending pending) {
        try {
            pending.outcome.complete(this.store.insertBatch(List.of(pending.event)).contains(pending.event.id()));
        }
        catch (RuntimeException failure) {
            pending.outcome.completeExceptionally(failure);
        }
    }

    /**
     * Stops accepting events, writes the ones already queued, and stops the writer threads.
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
        Pending left;
        while ((left = this.queue.poll()) != null) {
            if (left.state.compareAndSet(QUEUED, WITHDRAWN)) {
                left.outcome.completeExceptionally(new ServiceUnavailableException(null));
            }
        }
    }

    /** An event waiting for its batch. */
    private static final class Pending {

        private final UsageEvent event;

        private final AtomicInteger state = new AtomicInteger(QUEUED);

        private final CompletableFuture<Boolean> outcome = new CompletableFuture<>();

        Pending(UsageEvent event) {
            this.event = event;
        }
    }
}
