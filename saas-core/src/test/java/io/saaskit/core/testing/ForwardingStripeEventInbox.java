package io.saaskit.core.testing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StripeEventInbox} that passes every call on, for tests that override the inserts to fail or refuse.
 * Subclasses that change {@link #insert} change {@link #insertAll} too, since both reach the store.
 */
public class ForwardingStripeEventInbox implements StripeEventInbox {

    private final StripeEventInbox delegate;

    /**
     * Creates an inbox that passes every call on.
     * @param delegate the inbox that answers
     */
    public ForwardingStripeEventInbox(StripeEventInbox delegate) {
        this.delegate = delegate;
    }

    @Override
    public InboxInsert insert(InboxEvent event) {
        return this.delegate.insert(event);
    }

    @Override
    public List<InboxInsert> insertAll(List<InboxEvent> events) {
        return this.delegate.insertAll(events);
    }

    @Override
    public Optional<InboxEvent> find(UUID id) {
        return this.delegate.find(id);
    }

    @Override
    public Optional<InboxEvent> findByStripeEventId(String stripeEventId) {
        return this.delegate.findByStripeEventId(stripeEventId);
    }

    @Override
    public Optional<InboxEvent> claim(UUID id, Instant now, Instant lockedUntil) {
        return this.delegate.claim(id, now, lockedUntil);
    }

    @Override
    public void complete(UUID id, InboxState state, @Nullable OrgId orgId, Instant now) {
        this.delegate.complete(id, state, orgId, now);
    }

    @Override
    public void fail(UUID id, int attempts, InboxState state, String error, @Nullable Instant nextAttemptAt,
            @Nullable OrgId orgId) {
        this.delegate.fail(id, attempts, state, error, nextAttemptAt, orgId);
    }

    @Override
    public boolean rearm(UUID id, @Nullable String requestId, Instant now) {
        return this.delegate.rearm(id, requestId, now);
    }

    @Override
    public List<UUID> dispatchable(Instant now, Instant receivedBefore, int limit) {
        return this.delegate.dispatchable(now, receivedBefore, limit);
    }

    @Override
    public List<InboxEvent> list(@Nullable InboxState state, int limit) {
        return this.delegate.list(state, limit);
    }

    @Override
    public InboxSummary summary(OrgId orgId) {
        return this.delegate.summary(orgId);
    }

    @Override
    public int purge(Instant before, int limit) {
        return this.delegate.purge(before, limit);
    }
}
