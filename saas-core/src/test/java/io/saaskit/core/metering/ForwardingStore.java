package io.saaskit.core.metering;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A {@link UsageEventStore} that passes every call on, for tests that override one method to fail or stall.
 */
class ForwardingStore implements UsageEventStore {

    private final UsageEventStore delegate;

    ForwardingStore(UsageEventStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public Set<UUID> insertBatch(List<UsageEvent> events) {
        return this.delegate.insertBatch(events);
    }

    @Override
    public boolean delete(OrgId orgId, UUID eventId) {
        return this.delegate.delete(orgId, eventId);
    }

    @Override
    public Optional<UsageEvent> findByIdempotencyKey(OrgId orgId, String idempotencyKey) {
        return this.delegate.findByIdempotencyKey(orgId, idempotencyKey);
    }

    @Override
    public long sum(OrgId orgId, String metric, Period period) {
        return this.delegate.sum(orgId, metric, period);
    }

    @Override
    public List<UsageDay> daily(OrgId orgId, @Nullable String metric, LocalDate from) {
        return this.delegate.daily(orgId, metric, from);
    }

    @Override
    public List<UsageDrift> recomputeDaily(LocalDate day) {
        return this.delegate.recomputeDaily(day);
    }
}
