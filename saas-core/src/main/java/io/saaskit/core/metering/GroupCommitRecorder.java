package io.saaskit.core.metering;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.GroupCommit;
import io.saaskit.core.shared.GroupCommitSettings;
import io.saaskit.core.shared.ServiceUnavailableException;

/**
 * Makes usage events durable by group commit ({@link GroupCommit}): a request hands its event over and waits;
 * writer threads take every queued event, insert them with one {@link UsageEventStore#insertBatch} transaction, and
 * wake the waiting requests when it has committed. A request therefore answers only once its event is durable (an
 * application crash after the response loses nothing), while the database sees one transaction per batch, not per
 * request.
 *
 * <p>If the batch fails, every request in it gets a {@link ServiceUnavailableException}; if the store refuses the
 * data of an event ({@link RejectedUsageEventException}), the batch's events are inserted one by one so only that
 * event's request fails. If a request gives up waiting before a writer has taken its event, the event is withdrawn
 * and never written, so "failed" always means "not recorded".
 *
 * <p>Thread-safe. Writer threads are daemon threads started by the constructor; {@link #close()} writes what is
 * queued and stops them.
 */
public final class GroupCommitRecorder implements UsageRecorder, AutoCloseable {

    private final GroupCommit<UsageEvent, Boolean> commits;

    /**
     * Creates the recorder and starts its writer threads.
     * @param store where events go
     * @param settings batching settings
     */
    public GroupCommitRecorder(UsageEventStore store, GroupCommitSettings settings) {
        Objects.requireNonNull(store, "store");
        this.commits = new GroupCommit<>("usage", (events) -> insert(store, events),
                RejectedUsageEventException.class::isInstance, Objects.requireNonNull(settings, "settings"));
    }

    /**
     * The recommended settings: batches of up to 500 events, no lingering, one writer, 10 s timeout, and each batch
     * started as soon as the previous one committed (a minimum interval between batches left the cores idle while
     * every request waited for the next one; see docs/benchmarks.md).
     * @return the defaults
     */
    public static GroupCommitSettings defaultSettings() {
        return new GroupCommitSettings(500, Duration.ZERO, 1, Duration.ofSeconds(10), Duration.ZERO);
    }

    private static List<Boolean> insert(UsageEventStore store, List<UsageEvent> events) {
        Set<UUID> inserted = store.insertBatch(events);
        return events.stream().map((event) -> inserted.contains(event.id())).toList();
    }

    /**
     * Records an event and returns once it is in the store.
     * @param event the event
     * @return true when inserted, false when its idempotency key was already taken in its organization
     * @throws ServiceUnavailableException when the event could not be recorded (it was not)
     * @throws RejectedUsageEventException when the store refused this event's data (it was not recorded)
     */
    @Override
    public boolean record(UsageEvent event) {
        return this.commits.commit(event);
    }

    /** Nothing to wait for: {@link #record} returns once the event is in the store. */
    @Override
    public void awaitStored() {
    }

    /**
     * Stops accepting events, writes the ones already queued, and stops the writer threads.
     */
    @Override
    public void close() {
        this.commits.close();
    }
}
