package io.saaskit.core.billing;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.shared.GroupCommit;
import io.saaskit.core.shared.GroupCommitSettings;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.port.TransactionRunner;

/**
 * Stores verified webhook deliveries in the inbox by group commit ({@link GroupCommit}): concurrent deliveries are
 * inserted, and their {@value StripeWebhookService#JOB_TYPE} jobs enqueued, in one unit of work, so the database
 * commits once per batch instead of once per delivery (the commit, with its WAL flush, dominated the cost of a
 * delivery). A delivery's caller returns only once its batch has committed, so an event is stored before it is
 * acknowledged.
 *
 * <p>Within a batch every delivery is stored as it would be alone: the delivery that stores an event, or re-arms a
 * {@code dead} one, enqueues its job; a second delivery of the same event finds the first one's row and is a
 * duplicate. Rows are inserted in the order of their Stripe event ids, so two batches (of this or another instance)
 * that share events lock them in the same order and never deadlock. When the queue cannot be reached, the batch is
 * stored again without its jobs (the dispatcher enqueues them later); when the inbox refuses one delivery's data
 * ({@link RejectedInboxEventException}), the deliveries are stored one by one so only that one fails; any other
 * failure fails every delivery of the batch with {@link ServiceUnavailableException}, so Stripe retries them.
 *
 * <p>Thread-safe. {@link #close()} stores what is queued and stops the writer threads.
 */
public final class WebhookInboxWriter implements AutoCloseable {

    private final StripeEventInbox inbox;

    private final JobQueue queue;

    private final TransactionRunner transactions;

    private final GroupCommit<InboxEvent, InboxInsert> commits;

    /**
     * Creates the writer and starts its writer threads.
     * @param inbox where events are stored
     * @param queue where their jobs go
     * @param transactions the unit of work of a batch
     * @param settings batching settings, for example {@link #defaultSettings()}
     */
    public WebhookInboxWriter(StripeEventInbox inbox, JobQueue queue, TransactionRunner transactions,
            GroupCommitSettings settings) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.commits = new GroupCommit<>("stripe-inbox", this::storeBatch,
                RejectedInboxEventException.class::isInstance, Objects.requireNonNull(settings, "settings"));
    }

    /**
     * The recommended settings: batches of up to 200 deliveries, no lingering, one writer, 10 s timeout.
     * @return the defaults
     */
    public static GroupCommitSettings defaultSettings() {
        return new GroupCommitSettings(200, Duration.ZERO, 1, Duration.ofSeconds(10));
    }

    /**
     * Stores a received event and enqueues its job when it is new or re-armed; returns once stored.
     * @param row the new inbox row
     * @return whether it was stored or already there
     * @throws ServiceUnavailableException when the inbox could not be written (nothing was stored)
     * @throws RejectedInboxEventException when the inbox refused this event's data (nothing was stored)
     */
    public InboxInsert store(InboxEvent row) {
        return this.commits.commit(row);
    }

    private List<InboxInsert> storeBatch(List<InboxEvent> rows) {
        try {
            return this.transactions.inTransaction(() -> {
                List<InboxInsert> results = insert(rows);
                for (int i = 0; i < rows.size(); i++) {
                    if (needsJob(rows.get(i), results.get(i))) {
                        enqueue(results.get(i).inboxId());
                    }
                }
                return results;
            });
        }
        catch (QueueUnavailableException ex) {
            // The queue is down: store the events alone; the dispatcher enqueues them within its interval.
            return this.transactions.inTransaction(() -> insert(rows));
        }
    }

    /** Inserts the rows in the order of their Stripe event ids and returns the outcomes in the rows' order. */
    private List<InboxInsert> insert(List<InboxEvent> rows) {
        InboxInsert[] results = new InboxInsert[rows.size()];
        IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> rows.get(i).stripeEventId()))
                .forEach((i) -> results[i] = this.inbox.insert(rows.get(i)));
        return List.of(results);
    }

    /**
     * Whether the delivery stored the row (also in an earlier attempt whose unit of work could not roll back, when
     * the row carries the delivery's own id) or re-armed a dead one.
     */
    private static boolean needsJob(InboxEvent row, InboxInsert result) {
        return result.inboxId().equals(row.id())
                || result instanceof InboxInsert.Duplicate duplicate && duplicate.rearmed();
    }

    private void enqueue(UUID inboxId) {
        try {
            this.queue.enqueue(StripeWebhookService.job(inboxId));
        }
        catch (RuntimeException ex) {
            throw new QueueUnavailableException(ex);
        }
    }

    /**
     * Stops accepting deliveries, stores the ones already queued, and stops the writer threads.
     */
    @Override
    public void close() {
        this.commits.close();
    }

    /** The job queue failed while the events themselves could be stored. */
    private static final class QueueUnavailableException extends ServiceUnavailableException {

        private static final long serialVersionUID = 1L;

        QueueUnavailableException(Throwable failure) {
            super(failure);
        }
    }
}
