package io.saaskit.core.audit.port;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditChain;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditHashes;
import io.saaskit.core.audit.AuditPage;
import io.saaskit.core.audit.AuditQuery;
import io.saaskit.core.audit.AuditRecord;
import io.saaskit.core.audit.AuditService;
import io.saaskit.core.audit.AuditSettings;
import io.saaskit.core.audit.BreakReason;
import io.saaskit.core.audit.ChainPoint;
import io.saaskit.core.audit.ChainVerification;
import io.saaskit.core.audit.RetentionResult;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every {@link AuditLog} (with the {@link AuditSink} of the same store) must show: a gapless hash
 * chain per organization, keyset reads with every filter, tenant isolation, tamper detection and retention that
 * keeps the chain verifiable. Runs {@link AuditService} on the ports, so the service's algorithms are checked against
 * every store. Every test creates its own organizations.
 */
public abstract class AuditLogContractTests {

    /** The clock that stamps test records and drives retention. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The sink under test.
     * @return the sink
     */
    protected abstract AuditSink sink();

    /**
     * The log under test, on the same store as {@link #sink()}.
     * @return the log
     */
    protected abstract AuditLog log();

    /**
     * An organization repository on the same store.
     * @return the repository
     */
    protected abstract OrganizationRepository organizations();

    /**
     * The store's transaction runner.
     * @return the runner
     */
    protected abstract TransactionRunner transactions();

    /**
     * Changes a stored row's metadata behind the chain's back, as someone with write access to the store could.
     * @param orgId the organization
     * @param seq the row
     */
    protected abstract void tamperWithMetadata(OrgId orgId, long seq);

    private AuditService service() {
        return new AuditService(log(), sink(), transactions(), this.clock,
                new AuditSettings(Duration.ofDays(30), 10, Duration.ofHours(1)));
    }

    @Test
    void rowsFormAGaplessHashChainPerOrganization() {
        OrgId org = storedOrganization();
        OrgId other = storedOrganization();
        for (int i = 0; i < 5; i++) {
            record(org, "action." + i, UUID.randomUUID());
            record(other, "other." + i, UUID.randomUUID());
        }

        List<AuditRecord> rows = log().oldestFirst(org, AuditQuery.ALL, 0, Long.MAX_VALUE, 100);

        assertThat(rows).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(rows.get(0).prevHash()).isEqualTo(ChainPoint.GENESIS.hash());
        for (int i = 0; i < rows.size(); i++) {
            AuditRecord row = rows.get(i);
            assertThat(row.hash()).isEqualTo(AuditHashes.hash(row.prevHash(), row.seq(), row.entry()));
            if (i > 0) {
                assertThat(row.prevHash()).isEqualTo(rows.get(i - 1).hash());
            }
        }
        assertThat(log().chain(org)).isEqualTo(new AuditChain(new ChainPoint(5, rows.get(4).hash()),
                ChainPoint.GENESIS));
        assertThat(log().oldestFirst(other, AuditQuery.ALL, 0, Long.MAX_VALUE, 100))
                .extracting((row) -> row.entry().action()).allMatch((action) -> action.startsWith("other."));
        assertThat(log().organizations()).contains(org, other);
        assertThat(log().chain(storedOrganization())).isEqualTo(AuditChain.EMPTY);
    }

    @Test
    void concurrentAppendsGetDistinctGaplessNumbers() throws Exception {
        OrgId org = storedOrganization();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        transactions().run(() -> record(org, "concurrent", UUID.randomUUID()));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(60, TimeUnit.SECONDS);
            }
        }
        finally {
            pool.shutdownNow();
        }

        assertThat(log().oldestFirst(org, AuditQuery.ALL, 0, Long.MAX_VALUE, 100)).extracting(AuditRecord::seq)
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 40).boxed().toList());
        assertThat(service().verify(org).ok()).isTrue();
    }

    @Test
    void filtersSelectExactlyTheMatchingRows() {
        OrgId org = storedOrganization();
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Instant start = this.clock.instant();
        record(org, "auth.login.success", alice);
        this.clock.advanceSeconds(10);
        record(org, "auth.logout", bob);
        this.clock.advanceSeconds(10);
        record(org, "apiKey.create", alice);
        this.clock.advanceSeconds(10);
        record(org, "auth_x", alice);

        assertThat(actions(org, new AuditQuery("auth.*", null, null, null, null)))
                .containsExactly("auth.logout", "auth.login.success");
        assertThat(actions(org, new AuditQuery("auth.logout", null, null, null, null))).containsExactly("auth.logout");
        assertThat(actions(org, new AuditQuery("auth_*", null, null, null, null))).containsExactly("auth_x");
        assertThat(actions(org, new AuditQuery(null, alice, null, null, null)))
                .containsExactly("auth_x", "apiKey.create", "auth.login.success");
        assertThat(actions(org, new AuditQuery(null, null, "thing", null, null))).hasSize(4);
        assertThat(actions(org, new AuditQuery(null, null, "nothing", null, null))).isEmpty();
        assertThat(actions(org, new AuditQuery(null, null, null, start.plusSeconds(10), start.plusSeconds(30))))
                .containsExactly("apiKey.create", "auth.logout");
        assertThat(actions(org, new AuditQuery("auth.*", alice, "thing", start, start.plusSeconds(30))))
                .containsExactly("auth.login.success");
    }

    @Test
    void pagesFollowTheCursorNewestFirstWithoutDuplicatesOrGaps() {
        OrgId org = storedOrganization();
        OrgId other = storedOrganization();
        for (int i = 1; i <= 25; i++) {
            record(org, "row." + i, UUID.randomUUID());
        }
        record(other, "foreign", UUID.randomUUID());

        List<String> seen = new ArrayList<>();
        AuditPage page = service().page(org, AuditQuery.ALL, null, 10);
        seen.addAll(page.items().stream().map((row) -> row.entry().action()).toList());
        record(org, "arrived.meanwhile", UUID.randomUUID());
        while (page.nextCursor() != null) {
            page = service().page(org, AuditQuery.ALL, page.nextCursor().toString(), 10);
            seen.addAll(page.items().stream().map((row) -> row.entry().action()).toList());
        }

        List<String> expected = new ArrayList<>();
        for (int i = 25; i >= 1; i--) {
            expected.add("row." + i);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        UUID foreignId = log().newestFirst(other, AuditQuery.ALL, null, 1).get(0).id();
        assertThat(log().seqOf(org, foreignId)).isEmpty();
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> service().page(org, AuditQuery.ALL, foreignId.toString(), 10));
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> service().page(org, AuditQuery.ALL, "not-a-uuid", 10));
    }

    @Test
    void exportStreamsRowsUpToTheHeadReadAtTheStart() {
        OrgId org = storedOrganization();
        for (int i = 1; i <= 7; i++) {
            record(org, (i % 2 == 0) ? "even" : "odd", UUID.randomUUID());
        }
        var export = service().export(org, new AuditQuery("odd", null, null, null, null), 1_000_000);
        record(org, "odd", UUID.randomUUID());

        List<Long> streamed = new ArrayList<>();
        long count = export.stream((row) -> streamed.add(row.seq()));

        assertThat(streamed).containsExactly(1L, 3L, 5L, 7L);
        assertThat(count).isEqualTo(4);
        assertThat(export.head().seq()).isEqualTo(7);
        List<Long> limited = new ArrayList<>();
        service().export(org, AuditQuery.ALL, 3).stream((row) -> limited.add(row.seq()));
        assertThat(limited).containsExactly(1L, 2L, 3L);
    }

    @Test
    void verificationPassesOnAnIntactChainAndReportsTheAlteredRow() {
        OrgId org = storedOrganization();
        for (int i = 0; i < 6; i++) {
            record(org, "action", UUID.randomUUID());
        }
        ChainVerification intact = service().verify(org);
        assertThat(intact.ok()).isTrue();
        assertThat(intact.checked()).isEqualTo(6);
        assertThat(intact.head().seq()).isEqualTo(6);

        tamperWithMetadata(org, 4);

        ChainVerification broken = service().verify(org);
        assertThat(broken.ok()).isFalse();
        assertThat(broken.checked()).isEqualTo(3);
        assertThat(broken.firstBroken()).isNotNull();
        assertThat(broken.firstBroken().seq()).isEqualTo(4);
        assertThat(broken.firstBroken().reason()).isEqualTo(BreakReason.HASH_MISMATCH);
        assertThat(broken.firstBroken().id()).isEqualTo(log().oldestFirst(org, AuditQuery.ALL, 3, 4, 1).get(0).id());
    }

    @Test
    void retentionMovesTheAnchorRemovesExpiredRowsAndKeepsTheChainVerifiable() {
        OrgId org = storedOrganization();
        OrgId other = storedOrganization();
        for (int i = 0; i < 5; i++) {
            record(org, "old", UUID.randomUUID());
        }
        record(other, "old", UUID.randomUUID());
        this.clock.advance(Duration.ofDays(20));
        for (int i = 0; i < 3; i++) {
            record(org, "recent", UUID.randomUUID());
        }
        this.clock.advance(Duration.ofDays(11));
        AuditRecord fifth = log().oldestFirst(org, AuditQuery.ALL, 4, 5, 1).get(0);

        RetentionResult result = service().applyRetention(org);

        assertThat(result.deleted()).isEqualTo(5);
        assertThat(result.anchor()).isEqualTo(new ChainPoint(5, fifth.hash()));
        assertThat(result.head().seq()).isEqualTo(8);
        assertThat(log().oldestFirst(org, AuditQuery.ALL, 0, Long.MAX_VALUE, 100)).extracting(AuditRecord::seq)
                .containsExactly(6L, 7L, 8L);
        assertThat(log().oldestFirst(other, AuditQuery.ALL, 0, Long.MAX_VALUE, 100)).hasSize(1);
        ChainVerification verification = service().verify(org);
        assertThat(verification.ok()).isTrue();
        assertThat(verification.anchor().seq()).isEqualTo(5);
        assertThat(verification.checked()).isEqualTo(3);
        assertThat(service().applyRetention(org).deleted()).isZero();

        record(org, "after", UUID.randomUUID());
        assertThat(service().verify(org).ok()).isTrue();
        assertThat(log().chain(org).head().seq()).isEqualTo(9);
    }

    @Test
    void retentionStopsAtTheFirstRowThatHasNotExpired() {
        OrgId org = storedOrganization();
        record(org, "old", UUID.randomUUID());
        this.clock.advance(Duration.ofDays(40));
        record(org, "new", UUID.randomUUID());
        this.clock.set(this.clock.instant().minus(Duration.ofDays(40)));
        record(org, "old-but-after-a-new-one", UUID.randomUUID());
        this.clock.advance(Duration.ofDays(45));

        RetentionResult result = service().applyRetention(org);

        assertThat(result.deleted()).isEqualTo(1);
        assertThat(log().oldestFirst(org, AuditQuery.ALL, 0, Long.MAX_VALUE, 10)).extracting(AuditRecord::seq)
                .containsExactly(2L, 3L);
        assertThat(service().verify(org).ok()).isTrue();
    }

    /**
     * Stores a fresh organization.
     * @return its id
     */
    protected OrgId storedOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);
        return organization.id();
    }

    private void record(OrgId org, String action, UUID user) {
        sink().record(org, AuditEntry.of(org, Actor.user(user), action, "thing", UUID.randomUUID().toString(),
                Map.of("note", "a,b \"c\"\n=d", "n", 1.5), new RequestContext("req-" + action,
                        new ClientInfo("198.51.100.7", "agent")), this.clock.instant()));
    }

    private List<String> actions(OrgId org, AuditQuery query) {
        return log().newestFirst(org, query, null, 100).stream().map((row) -> row.entry().action()).toList();
    }
}
