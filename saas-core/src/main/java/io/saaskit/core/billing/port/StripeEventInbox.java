package io.saaskit.core.billing.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * The inbox of verified webhook events: every event is stored once, with its raw payload, before it is
 * acknowledged, and its processing state lives here. The inbox is global (events arrive before their organization
 * is known). Writes join the caller's {@link io.saaskit.core.shared.port.TransactionRunner} unit of work.
 */
public interface StripeEventInbox {

    /**
     * Stores a received event unless its Stripe id is already stored; concurrent inserts of one event store it
     * once. An existing row in state {@code dead} is re-armed: state {@code received}, attempts 0, due now, with
     * the new delivery's request id (when it has one).
     * @param event the new row
     * @return whether it was stored or already there
     * @throws io.saaskit.core.billing.RejectedInboxEventException when the store refuses the event's data (a value
     *         it cannot hold), as opposed to being unavailable
     */
    InboxInsert insert(InboxEvent event);

    /**
     * Stores several received events, each exactly as {@link #insert} would, in the caller's unit of work and in the
     * given order (callers sort concurrent batches the same way so they lock rows in the same order). A second event
     * with the same Stripe id in the list is a duplicate of the first. Stores on a server insert them together (one
     * round trip rather than one per event); the default inserts them one by one.
     * @param events the new rows
     * @return the outcome of each event, in the order of {@code events}
     * @throws io.saaskit.core.billing.RejectedInboxEventException when the store refuses an event's data
     */
    default List<InboxInsert> insertAll(List<InboxEvent> events) {
        return events.stream().map(this::insert).toList();
    }

    /**
     * Finds a row.
     * @param id the row id
     * @return the row, or empty
     */
    Optional<InboxEvent> find(UUID id);

    /**
     * Finds a row by its Stripe event id.
     * @param stripeEventId the Stripe event id
     * @return the row, or empty
     */
    Optional<InboxEvent> findByStripeEventId(String stripeEventId);

    /**
     * Claims a row for processing, atomically: only a row that is {@code received}, {@code failed} and due, or
     * {@code processing} past its lease moves to {@code processing} with the new lease.
     * @param id the row id
     * @param now the current time
     * @param lockedUntil the end of the lease
     * @return the claimed row, or empty when it is not claimable (done, dead, not due, or leased to another)
     */
    Optional<InboxEvent> claim(UUID id, Instant now, Instant lockedUntil);

    /**
     * Ends processing as {@code processed} or {@code ignored}.
     * @param id the row id
     * @param state {@link InboxState#PROCESSED} or {@link InboxState#IGNORED}
     * @param orgId the resolved organization, or {@code null}
     * @param now the time it ended
     */
    void complete(UUID id, InboxState state, @Nullable OrgId orgId, Instant now);

    /**
     * Records a failed attempt, or ends a malformed event that can never apply as {@code ignored} with the reason.
     * @param id the row id
     * @param attempts the failed attempts, this one included
     * @param state {@link InboxState#FAILED}, {@link InboxState#DEAD}, or {@link InboxState#IGNORED} for a malformed
     *        event
     * @param error a short description of the failure
     * @param nextAttemptAt when a failed row is due again, or {@code null} for a dead one
     * @param orgId the organization, when it was resolved before the attempt failed, or {@code null}
     */
    void fail(UUID id, int attempts, InboxState state, String error, @Nullable Instant nextAttemptAt,
            @Nullable OrgId orgId);

    /**
     * Re-arms a row for a replay: state {@code received}, attempts 0, due now; refused while another worker
     * holds a live lease on it. The replay's request id replaces the stored one, so the worker's audit rows carry
     * it. The time it was processed is kept for a row whose effects were applied (it tells the worker that a
     * reprocessing that changes nothing is a no-op) and cleared for an {@code ignored} row.
     * @param id the row id
     * @param requestId the replay's request id, or {@code null} to keep the stored one
     * @param now the current time
     * @return true when re-armed, false when it is being processed
     */
    boolean rearm(UUID id, @Nullable String requestId, Instant now);

    /**
     * The rows the dispatcher must (re-)enqueue: {@code received} before a time (younger ones still have their
     * job in the queue), {@code failed} and due, or {@code processing} past their lease; oldest first.
     * @param now the current time
     * @param receivedBefore only {@code received} rows stored before this time
     * @param limit the most rows returned
     * @return the row ids
     */
    List<UUID> dispatchable(Instant now, Instant receivedBefore, int limit);

    /**
     * Lists rows, newest first.
     * @param state only rows in this state, or {@code null} for all
     * @param limit the most rows returned
     * @return the rows
     */
    List<InboxEvent> list(@Nullable InboxState state, int limit);

    /**
     * Counts an organization's unfinished rows, and the unfinished rows no organization is known for yet.
     * @param orgId the organization
     * @return the counts
     */
    InboxSummary summary(OrgId orgId);

    /**
     * Deletes {@code processed} and {@code ignored} rows received before a time.
     * @param before the cut-off
     * @param limit the most rows deleted in one call
     * @return the rows deleted
     */
    int purge(Instant before, int limit);
}
