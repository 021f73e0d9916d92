package io.saaskit.core.metering;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.shared.ServiceUnavailableException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ForwardingUsageEventStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JournalingUsageRecorderTests {

    private final OrgId org = new OrgId(UUID.randomUUID());

    @TempDir
    Path directory;

    @Test
    void routeEventsGoThroughTheJournalAndClientEventsThroughGroupCommit() {
        InMemoryUsageEventStore memory = new InMemoryUsageEventStore();
        AtomicInteger batches = new AtomicInteger();
        ForwardingUsageEventStore store = new ForwardingUsageEventStore(memory) {
            @Override
            public Set<UUID> insertBatch(List<UsageEvent> events) {
                batches.incrementAndGet();
                return super.insertBatch(events);
            }
        };
        try (UsageJournal journal = new UsageJournal(store, UsageJournalSettings.defaults(this.directory));
                GroupCommitRecorder commits = new GroupCommitRecorder(store, GroupCommitRecorder.defaultSettings())) {
            JournalingUsageRecorder recorder = new JournalingUsageRecorder(journal, commits);
            UsageEvent route = UsageJournalTests.routeEvent(this.org);
            UsageEvent client = UsageJournalTests.clientEvent(this.org, "k-1");

            assertThat(recorder.record(route)).isTrue();
            assertThat(recorder.record(client)).isTrue();
            assertThat(memory.findByIdempotencyKey(this.org, "k-1")).contains(client);
            assertThat(recorder.record(UsageJournalTests.clientEvent(this.org, "k-1"))).isFalse();

            recorder.awaitStored();
            assertThat(journal.backlog()).isZero();
            assertThat(memory.delete(this.org, route.id())).isTrue();
            assertThat(batches.get()).isEqualTo(3);
        }
    }

    @Test
    void awaitingTheStoreFailsAsUnavailableWhileItIsDown() {
        ForwardingUsageEventStore down = new ForwardingUsageEventStore(new InMemoryUsageEventStore()) {
            @Override
            public Set<UUID> insertBatch(List<UsageEvent> events) {
                throw new ServiceUnavailableException(null);
            }
        };
        UsageJournalSettings settings = new UsageJournalSettings(this.directory, 64 * 1024, 1024 * 1024, 100,
                Duration.ofMillis(200));
        try (UsageJournal journal = new UsageJournal(down, settings);
                GroupCommitRecorder commits = new GroupCommitRecorder(down, GroupCommitRecorder.defaultSettings())) {
            JournalingUsageRecorder recorder = new JournalingUsageRecorder(journal, commits);

            assertThat(recorder.record(UsageJournalTests.routeEvent(this.org))).isTrue();
            assertThatExceptionOfType(ServiceUnavailableException.class).isThrownBy(recorder::awaitStored);
        }
    }
}
