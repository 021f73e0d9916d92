package io.saaskit.core.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;

import io.saaskit.core.audit.AuditChain;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditHashes;
import io.saaskit.core.audit.AuditQuery;
import io.saaskit.core.audit.AuditRecord;
import io.saaskit.core.audit.ChainPoint;
import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * An {@link AuditSink} and {@link AuditLog} kept in memory, for tests and for embedding the core without a
 * database. Each organization has its own hash chain, appended under this object's lock. {@link #entries(OrgId)}
 * reads the entries back as recorded (normalised as every store keeps them).
 */
public final class InMemoryAuditSink implements AuditSink, AuditLog {

    private final Map<OrgId, OrgLog> logs = new HashMap<>();

    @Override
    public synchronized void record(OrgId orgId, AuditEntry entry) {
        if (!orgId.equals(entry.orgId())) {
            throw new IllegalArgumentException("Audit entry belongs to another organization");
        }
        OrgLog log = this.logs.computeIfAbsent(orgId, (id) -> new OrgLog());
        AuditEntry stored = AuditHashes.normalise(entry);
        long seq = log.head.seq() + 1;
        String hash = AuditHashes.hash(log.head.hash(), seq, stored);
        UUID id = Ids.next(Clock.fixed(stored.createdAt(), ZoneOffset.UTC));
        log.rows.add(new AuditRecord(id, seq, stored, log.head.hash(), hash));
        log.head = new ChainPoint(seq, hash);
    }

    /**
     * The entries of one organization, oldest first.
     * @param orgId the organization
     * @return the entries
     */
    public synchronized List<AuditEntry> entries(OrgId orgId) {
        OrgLog log = this.logs.get(orgId);
        return (log != null) ? log.rows.stream().map(AuditRecord::entry).toList() : List.of();
    }

    /**
     * Replaces a stored row as it is, without touching the chain: how tests simulate tampering with the store.
     * @param orgId the organization
     * @param row the row, matched by sequence number
     */
    public synchronized void overwrite(OrgId orgId, AuditRecord row) {
        List<AuditRecord> rows = this.logs.get(orgId).rows;
        rows.replaceAll((existing) -> (existing.seq() == row.seq()) ? row : existing);
    }

    @Override
    public synchronized AuditChain chain(OrgId orgId) {
        OrgLog log = this.logs.get(orgId);
        return (log != null) ? new AuditChain(log.head, log.anchor) : AuditChain.EMPTY;
    }

    @Override
    public synchronized OptionalLong seqOf(OrgId orgId, UUID id) {
        return rows(orgId).stream().filter((row) -> row.id().equals(id)).mapToLong(AuditRecord::seq).findFirst();
    }

    @Override
    public synchronized List<AuditRecord> newestFirst(OrgId orgId, AuditQuery query, @Nullable Long beforeSeq,
            int limit) {
        return rows(orgId).stream()
                .filter((row) -> beforeSeq == null || row.seq() < beforeSeq)
                .filter((row) -> query.matches(row.entry()))
                .sorted(Comparator.comparingLong(AuditRecord::seq).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<AuditRecord> oldestFirst(OrgId orgId, AuditQuery query, long afterSeq,
            long throughSeq, int limit) {
        return rows(orgId).stream()
                .filter((row) -> row.seq() > afterSeq && row.seq() <= throughSeq)
                .filter((row) -> query.matches(row.entry()))
                .sorted(Comparator.comparingLong(AuditRecord::seq))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<OrgId> organizations() {
        return List.copyOf(this.logs.keySet());
    }

    @Override
    public synchronized long expiredThrough(OrgId orgId, Instant cutoff) {
        AuditChain chain = chain(orgId);
        return rows(orgId).stream()
                .filter((row) -> row.seq() > chain.anchor().seq() && !row.entry().createdAt().isBefore(cutoff))
                .mapToLong((row) -> row.seq() - 1)
                .min()
                .orElse(chain.head().seq());
    }

    @Override
    public synchronized ChainPoint moveAnchor(OrgId orgId, long seq) {
        OrgLog log = this.logs.get(orgId);
        if (log == null || seq <= log.anchor.seq()) {
            return chain(orgId).anchor();
        }
        AuditRecord row = log.rows.stream().filter((candidate) -> candidate.seq() == seq).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No audit row " + seq));
        log.anchor = new ChainPoint(row.seq(), row.hash());
        return log.anchor;
    }

    @Override
    public synchronized int deleteThrough(OrgId orgId, long throughSeq, int batchSize) {
        List<AuditRecord> rows = rows(orgId);
        List<AuditRecord> doomed = rows.stream().filter((row) -> row.seq() <= throughSeq)
                .sorted(Comparator.comparingLong(AuditRecord::seq)).limit(batchSize).toList();
        rows.removeAll(doomed);
        return doomed.size();
    }

    private List<AuditRecord> rows(OrgId orgId) {
        OrgLog log = this.logs.get(orgId);
        return (log != null) ? log.rows : new ArrayList<>();
    }

    private static final class OrgLog {

        private final List<AuditRecord> rows = new ArrayList<>();

        private ChainPoint head = ChainPoint.GENESIS;

        private ChainPoint anchor = ChainPoint.GENESIS;
    }
}
