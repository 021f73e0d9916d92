package io.saaskit.core.memory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.UsageDay;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * A {@link UsageEventStore} kept in memory, for tests and for embedding the core without a database. Every method
 * holds one lock, so a batch and its rollups appear at once, as a transaction would make them.
 */
public final class InMemoryUsageEventStore implements UsageEventStore {

    private final String storeId = UUID.randomUUID().toString();

    private final Map<UUID, UsageEvent> events = new HashMap<>();

    private final Map<IdempotencyKey, UUID> byIdempotencyKey = new HashMap<>();

    private final Map<DayKey, UsageDay> days = new HashMap<>();

    @Override
    public String storeId() {
        return this.storeId;
    }

    @Override
    public synchronized Set<UUID> insertBatch(List<UsageEvent> batch) {
        Set<UUID> inserted = new HashSet<>();
        for (UsageEvent event : batch) {
            if (this.events.containsKey(event.id())) {
                continue;
            }
            if (event.payloadHash() != null
                    && this.byIdempotencyKey.putIfAbsent(IdempotencyKey.of(event), event.id()) != null) {
                continue;
            }
            this.events.put(event.id(), event);
            rollUp(event, event.quantity());
            inserted.add(event.id());
        }
        return inserted;
    }

    @Override
    public synchronized boolean delete(OrgId orgId, UUID eventId) {
        UsageEvent event = this.events.get(eventId);
        if (event == null || !event.orgId().equals(orgId)) {
            return false;
        }
        this.events.remove(eventId);
        this.byIdempotencyKey.remove(IdempotencyKey.of(event), eventId);
        rollUp(event, -event.quantity());
        return true;
    }

    @Override
    public synchronized Optional<UsageEvent> findByIdempotencyKey(OrgId orgId, String idempotencyKey) {
        UUID id = this.byIdempotencyKey.get(new IdempotencyKey(orgId, idempotencyKey));
        return Optional.ofNullable((id != null) ? this.events.get(id) : null);
    }

    @Override
    public synchronized long sum(OrgId orgId, String metric, Period period) {
        return this.events.values().stream()
                .filter((e) -> e.orgId().equals(orgId) && e.metric().equals(metric) && period.contains(e.occurredAt()))
                .mapToLong(UsageEvent::quantity)
                .sum();
    }

    @Override
    public synchronized List<UsageDay> daily(OrgId orgId, @Nullable String metric, LocalDate from) {
        return this.days.values().stream()
                .filter((d) -> d.orgId().equals(orgId) && !d.day().isBefore(from)
                        && (metric == null || d.metric().equals(metric)))
                .sorted(Comparator.comparing(UsageDay::day).reversed().thenComparing(UsageDay::metric))
                .toList();
    }

    @Override
    public synchronized List<UsageDrift> recomputeDaily(LocalDate day) {
        Map<DayKey, Long> actual = new HashMap<>();
        for (UsageEvent event : this.events.values()) {
            if (Metrics.API_REQUESTS.equals(event.metric())
                    && LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC).equals(day)) {
                actual.merge(new DayKey(event.orgId(), Metrics.API_REQUESTS, day), event.quantity(), Long::sum);
                if (event.apiKeyId() != null) {
                    actual.merge(new DayKey(event.orgId(), Metrics.apiKey(event.apiKeyId()), day), event.quantity(),
                            Long::sum);
                }
            }
        }
        for (DayKey key : this.days.keySet()) {
            if (key.day().equals(day) && (Metrics.API_REQUESTS.equals(key.metric())
                    || key.metric().startsWith(Metrics.API_KEY_PREFIX))) {
                actual.putIfAbsent(key, 0L);
            }
        }
        List<UsageDrift> drift = new ArrayList<>();
        actual.forEach((key, quantity) -> {
            UsageDay row = this.days.get(key);
            long recorded = (row != null) ? row.quantity() : 0;
            if (row == null || recorded != quantity) {
                this.days.put(key, new UsageDay((row != null) ? row.id() : UUID.randomUUID(), key.orgId(),
                        key.metric(), day, quantity));
            }
            if (recorded != quantity) {
                drift.add(new UsageDrift(key.orgId(), key.metric(), day, recorded, quantity));
            }
        });
        drift.sort(Comparator.comparing((UsageDrift d) -> d.orgId().value()).thenComparing(UsageDrift::metric));
        return drift;
    }

    private void rollUp(UsageEvent event, long delta) {
        LocalDate day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC);
        add(event.orgId(), event.metric(), day, delta);
        if (Metrics.API_REQUESTS.equals(event.metric()) && event.apiKeyId() != null) {
            add(event.orgId(), Metrics.apiKey(event.apiKeyId()), day, delta);
        }
    }

    private void add(OrgId orgId, String metric, LocalDate day, long delta) {
        this.days.compute(new DayKey(orgId, metric, day), (key, row) -> (row == null)
                ? new UsageDay(UUID.randomUUID(), orgId, metric, day, delta)
                : new UsageDay(row.id(), orgId, metric, day, row.quantity() + delta));
    }

    /** The per-organization index of client events' idempotency keys. */
    private record IdempotencyKey(OrgId orgId, String key) {

        static IdempotencyKey of(UsageEvent event) {
            return new IdempotencyKey(event.orgId(), event.idempotencyKey());
        }
    }

    /** One daily rollup row. */
    private record DayKey(OrgId orgId, String metric, LocalDate day) {
    }
}
