package io.saaskit.core.testing;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.UsageDay;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A {@link UsageEventStore} that passes every call on, for tests that override one method to fail or stall.
 */
public class ForwardingUsageEventStore implements UsageEventStore {

    private final UsageEventStore delegate;

    /**
     * Creates a store that passes every call on.
     * @param delegate the store that answers
     */
    public ForwardingUsageEventStore(UsageEventStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public String storeId() {
        return this.delegate.storeId();
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
