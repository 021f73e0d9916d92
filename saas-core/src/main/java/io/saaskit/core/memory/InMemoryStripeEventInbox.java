package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A {@link StripeEventInbox} in memory; every change is atomic (the methods that change rows are synchronized).
 */
public final class InMemoryStripeEventInbox implements StripeEventInbox {

    private static final Set<InboxState> PENDING = Set.of(InboxState.RECEIVED, InboxState.PROCESSING,
            InboxState.FAILED);

    private static final Set<InboxState> FINISHED = Set.of(InboxState.PROCESSED, InboxState.IGNORED);

    private final Map<UUID, InboxEvent> rows = new ConcurrentHashMap<>();

    private final Map<String, UUID> byStripeId = new ConcurrentHashMap<>();

    @Override
    public synchronized InboxInsert insert(InboxEvent event) {
        UUID existing = this.byStripeId.get(event.stripeEventId());
        if (existing == null) {
            this.rows.put(event.id(), event);
            this.byStripeId.put(event.stripeEventId(), event.id());
            return new InboxInsert.Stored(event.id());
        }
        InboxEvent row = this.rows.get(existing);
        boolean dead = row.state() == InboxState.DEAD;
        if (dead) {
            this.rows.put(existing, rearmed(row, event.requestId(), event.receivedAt()));
        }
        return new InboxInsert.Duplicate(existing, dead);
    }

    @Override
    public Optional<InboxEvent> find(UUID id) {
        return Optional.ofNullable(this.rows.get(id));
    }

    @Override
    public Optional<InboxEvent> findByStripeEventId(String stripeEventId) {
        return Optional.ofNullable(this.byStripeId.get(stripeEventId)).map(this.rows::get);
    }

    @Override
    public synchronized Optional<InboxEvent> claim(UUID id, Instant now, Instant lockedUntil) {
        InboxEvent row = this.rows.get(id);
        if (row == null || !claimable(row, now)) {
            return Optional.empty();
        }
        InboxEvent claimed = with(row, InboxState.PROCESSING, row.attempts(), row.nextAttemptAt(), lockedUntil,
                row.lastError());
        this.rows.put(id, claimed);
        return Optional.of(claimed);
    }

    private static boolean claimable(InboxEvent row, Instant now) {
        return switch (row.state()) {
            case RECEIVED -> true;
            case FAILED -> row.nextAttemptAt() == null || !row.nextAttemptAt().isAfter(now);
            case PROCESSING -> row.lockedUntil() == null || !row.lockedUntil().isAfter(now);
            default -> false;
        };
    }

    @Override
    public synchronized void complete(UUID id, InboxState state, @Nullable OrgId orgId, Instant now) {
        InboxEvent row = this.rows.get(id);
        if (row != null) {
            this.rows.put(id, new InboxEvent(row.id(), row.stripeEventId(), row.type(), row.apiVersion(),
                    row.livemode(), row.eventCreatedAt(), row.payload(), row.receivedAt(), row.requestId(), state,
                    row.attempts(), null, null, null, now, (orgId != null) ? orgId : row.orgId()));
        }
    }

    @Override
    public synchronized void fail(UUID id, int attempts, InboxState state, String error,
            @Nullable Instant nextAttemptAt, @Nullable OrgId orgId) {
        InboxEvent row = this.rows.get(id);
        if (row != null) {
            InboxEvent failed = with(row, state, attempts, nextAttemptAt, null, error);
            this.rows.put(id, (orgId == null) ? failed : new InboxEvent(failed.id(), failed.stripeEventId(),
                    failed.type(), failed.apiVersion(), failed.livemode(), failed.eventCreatedAt(), failed.payload(),
                    failed.receivedAt(), failed.requestId(), failed.state(), failed.attempts(),
                    failed.nextAttemptAt(), failed.lockedUntil(), failed.lastError(), failed.processedAt(), orgId));
        }
    }

    @Override
    public synchronized boolean rearm(UUID id, @Nullable String requestId, Instant now) {
        InboxEvent row = this.rows.get(id);
        if (row == null || row.state() == InboxState.PROCESSING && row.lockedUntil() != null
                && row.lockedUntil().isAfter(now)) {
            return false;
        }
        this.rows.put(id, rearmed(row, requestId, now));
        return true;
    }

    @Override
    public List<UUID> dispatchable(Instant now, Instant receivedBefore, int limit) {
        return this.rows.values().stream()
                .filter((row) -> (row.state() == InboxState.RECEIVED) ? row.receivedAt().isBefore(receivedBefore)
                        : claimable(row, now) && row.state() != InboxState.RECEIVED)
                .sorted(Comparator.comparing(InboxEvent::receivedAt).thenComparing(InboxEvent::id))
                .limit(limit).map(InboxEvent::id).toList();
    }

    @Override
    public List<InboxEvent> list(@Nullable InboxState state, int limit) {
        return this.rows.values().stream().filter((row) -> state == null || row.state() == state)
                .sorted(Comparator.comparing(InboxEvent::receivedAt).thenComparing(InboxEvent::id).reversed())
                .limit(limit).toList();
    }

    @Override
    public InboxSummary summary(OrgId orgId) {
        List<InboxEvent> own = this.rows.values().stream().filter((row) -> orgId.equals(row.orgId())).toList();
        List<InboxEvent> backlog = own.stream().filter((row) -> PENDING.contains(row.state())).toList();
        Instant oldest = backlog.stream().map(InboxEvent::receivedAt).min(Comparator.naturalOrder()).orElse(null);
        long unresolved = this.rows.values().stream()
                .filter((row) -> row.orgId() == null && !FINISHED.contains(row.state())).count();
        return new InboxSummary(backlog.size(), count(own, InboxState.FAILED), count(own, InboxState.DEAD), oldest,
                unresolved);
    }

    private static long count(List<InboxEvent> rows, InboxState state) {
        return rows.stream().filter((row) -> row.state() == state).count();
    }

    @Override
    public synchronized int purge(Instant before, int limit) {
        List<InboxEvent> old = this.rows.values().stream()
                .filter((row) -> (row.state() == InboxState.PROCESSED || row.state() == InboxState.IGNORED)
                        && row.receivedAt().isBefore(before))
                .limit(limit).toList();
        old.forEach((row) -> {
            this.rows.remove(row.id());
            this.byStripeId.remove(row.stripeEventId());
        });
        return old.size();
    }

    private static InboxEvent rearmed(InboxEvent row, @Nullable String requestId, Instant now) {
        return new InboxEvent(row.id(), row.stripeEventId(), row.type(), row.apiVersion(), row.livemode(),
                row.eventCreatedAt(), row.payload(), row.receivedAt(),
                (requestId != null) ? requestId : row.requestId(), InboxState.RECEIVED, 0, now, null, null,
                (row.state() == InboxState.IGNORED) ? null : row.processedAt(), row.orgId());
    }

    private static InboxEvent with(InboxEvent row, InboxState state, int attempts, @Nullable Instant nextAttemptAt,
            @Nullable Instant lockedUntil, @Nullable String lastError) {
        return new InboxEvent(row.id(), row.stripeEventId(), row.type(), row.apiVersion(), row.livemode(),
                row.eventCreatedAt(), row.payload(), row.receivedAt(), row.requestId(), state, attempts,
                nextAttemptAt, lockedUntil, lastError, row.processedAt(), row.orgId());
    }
}
