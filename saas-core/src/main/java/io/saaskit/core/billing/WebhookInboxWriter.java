package io.saaskit.core.billing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobQueue;
import io.saaskit.core.shared.GroupCommit;
import io.saaskit.core.shared.GroupCommitSettings;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.shared.port.TransactionRunner;

/**
 * Stores verified webhook deliveries in the inbox by group commit ({@link GroupCommit}): concurrent deliveries are
 * inserted in one transaction, so the database commits once per batch instead of once per delivery (the commit,
 * with its WAL flush, dominated the cost of a delivery), and then their {@value StripeWebhookService#JOB_TYPE} jobs
 * are enqueued together. A delivery's caller returns only once its batch has committed and its jobs were handed to
 * the queue, so an event is stored before it is acknowledged.
 *
 * <p>Jobs are enqueued after the rows commit, never before: a worker taking a job always finds its row (with a
 * queue outside the database, a job enqueued inside the transaction could reach a worker before the row is
 * visible). When the queue cannot be reached, or the process stops between the commit and the enqueue, the rows
 * stay {@code received} and unqueued and the dispatcher ({@link StripeEventService#dispatch}) enqueues them within
 * its interval; the deliveries are acknowledged all the same.
 *
 * <p>Within a batch every delivery is stored as it would be alone: the delivery that stores an event, or re-arms a
 * {@code dead} one, gets its job; a second delivery of the same event finds the first one's row and is a duplicate.
 * Rows are inserted in the order of their Stripe event ids, so two batches (of this or another instance) that share
 * events lock them in the same order and never deadlock. When the inbox refuses one delivery's data
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
        List<InboxInsert> results = this.transactions.inTransaction(() -> insert(rows));
        List<JobRequest> jobs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (needsJob(rows.get(i), results.get(i))) {
                jobs.add(StripeWebhookService.job(results.get(i).inboxId()));
            }
        }
        enqueue(jobs);
        return results;
    }

    /** Inserts the rows in the order of their Stripe event ids and returns the outcomes in the rows' order. */
    private List<InboxInsert> insert(List<InboxEvent> rows) {
        List<Integer> order = IntStream.range(0, rows.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> rows.get(i).stripeEventId())).toList();
        List<InboxInsert> sorted = this.inbox.insertAll(order.stream().map(rows::get).toList());
        InboxInsert[] results = new InboxInsert[rows.size()];
        for (int i = 0; i < order.size(); i++) {
            results[order.get(i)] = sorted.get(i);
        }
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

    /**
     * Enqueues the jobs of committed rows, in a unit of work of their own. A failure leaves the rows {@code received}
     * and unqueued, which the dispatcher enqueues within its interval, so the deliveries are still acknowledged.
     */
    private void enqueue(List<JobRequest> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            this.transactions.run(() -> this.queue.enqueueAll(jobs));
        }
        catch (RuntimeException ex) {
            // The queue adapter reports its outage; the rows are committed and received, so the dispatcher
            // enqueues them after its grace time (as for a replay whose enqueue fails).
        }
    }

    /**
     * Stops accepting deliveries, stores the ones already queued, and stops the writer threads.
     */
    @Override
    public void close() {
        this.commits.close();
    }
}
