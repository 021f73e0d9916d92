package io.saaskit.core.metering;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageRollupServiceTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));

    private final InMemoryUsageEventStore events = new InMemoryUsageEventStore();

    private final UsageRollupService rollups = new UsageRollupService(this.events, this.clock);

    @Test
    void withoutADateTheRollupCoversYesterdayInUtc() {
        assertThat(this.rollups.yesterday()).isEqualTo(LocalDate.parse("2026-03-01"));
        this.clock.set(Instant.parse("2026-03-02T23:59:59Z"));
        assertThat(this.rollups.yesterday()).isEqualTo(LocalDate.parse("2026-03-01"));
    }

    @Test
    void theRollupRecomputesTheDayFromItsEvents() {
        OrgId org = new OrgId(UUID.randomUUID());
        Instant occurred = Instant.parse("2026-03-01T10:00:00Z");
        this.events.insertBatch(List.of(new UsageEvent(UUID.randomUUID(), org, Metrics.API_REQUESTS, 3, occurred,
                occurred, null, "auto:1", null, null, null)));

        assertThat(this.rollups.rollUp(this.rollups.yesterday())).isEmpty();
        assertThat(this.events.daily(org, Metrics.API_REQUESTS, LocalDate.parse("2026-03-01")))
                .singleElement().satisfies((row) -> assertThat(row.quantity()).isEqualTo(3));
    }
}
