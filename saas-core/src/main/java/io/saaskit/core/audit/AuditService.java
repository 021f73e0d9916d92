package io.saaskit.core.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Reading, exporting, verifying and pruning an organization's audit log.
 *
 * <p>Callers check the {@code audit.read} permission first: this service takes the resolved organization, not the
 * caller's access, because the audit feature sits below the features that write to it. Pages and exports are keyset
 * reads on the per-organization sequence number; an export reads the chain head when it starts and includes only
 * rows up to it, in batches of {@value #BATCH_SIZE}, so it runs in constant memory and rows written meanwhile are
 * left out. Retention first moves the chain's anchor to the last row it will remove, then removes rows in batches of
 * {@value #BATCH_SIZE}, so {@link #verify(OrgId)} still passes afterwards.
 */
public final class AuditService {

    /** Rows read per keyset batch by exports, verification and retention. */
    public static final int BATCH_SIZE = 1000;

    /** Largest page of {@link #page}. */
    public static final int MAX_PAGE_SIZE = 100;

    /** Largest {@code limit} an export may ask for; without one, an export holds every matching row. */
    public static final long MAX_EXPORT_LIMIT = 1_000_000;

    /** Audit action of an export. */
    public static final String EXPORTED_ACTION = "audit.exported";

    private static final String CURSOR = "cursor";

    private final AuditLog log;
    private final AuditSink sink;
    private final TransactionRunner transactions;
    private final Clock clock;
    private final AuditSettings settings;

    /**
     * Creates the service.
     * @param log reads rows and the chain
     * @param sink appends the {@code audit.exported} rows
     * @param transactions runs each anchor move and each deletion batch atomically
     * @param clock the time source
     * @param settings retention
     */
    public AuditService(AuditLog log, AuditSink sink, TransactionRunner transactions, Clock clock,
            AuditSettings settings) {
        this.log = log;
        this.sink = sink;
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * One page of matching rows, newest first.
     * @param orgId the organization
     * @param query the filters
     * @param cursor the {@code nextCursor} of the previous page, or {@code null} for the first page
     * @param limit the page size, 1 to {@value #MAX_PAGE_SIZE}
     * @return the page; {@code nextCursor} is set when more rows may follow
     * @throws ValidationException (field {@code cursor}) for a cursor that is not a row of this organization
     */
    public AuditPage page(OrgId orgId, AuditQuery query, @Nullable String cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("A page holds 1 to " + MAX_PAGE_SIZE + " rows");
        }
        Long beforeSeq = (cursor != null) ? cursorSeq(orgId, cursor) : null;
        List<AuditRecord> rows = this.log.newestFirst(orgId, query, beforeSeq, limit + 1);
        if (rows.size() <= limit) {
            return new AuditPage(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, limit);
        return new AuditPage(page, page.get(limit - 1).id());
    }

    /**
     * The newest rows, whatever they are.
     * @param orgId the organization
     * @param limit how many, 1 to {@value #MAX_PAGE_SIZE}
     * @return the rows, newest first
     */
    public List<AuditRecord> newest(OrgId orgId, int limit) {
        return page(orgId, AuditQuery.ALL, null, limit).items();
    }

    private long cursorSeq(OrgId orgId, String cursor) {
        UUID id;
        try {
            id = UUID.fromString(cursor.trim());
        }
        catch (IllegalArgumentException ex) {
            throw new ValidationException(CURSOR, "Cursor is invalid");
        }
        OptionalLong seq = this.log.seqOf(orgId, id);
        if (seq.isEmpty()) {
            throw new ValidationException(CURSOR, "Cursor is invalid");
        }
        return seq.getAsLong();
    }

    /**
     * Starts an export: reads the chain head, which bounds the rows the export includes.
     * @param orgId the organization
     * @param query the filters
     * @param maxRows the most rows to include, at least 1 ({@link Long#MAX_VALUE} for all)
     * @return the export, to be streamed once
     */
    public AuditExport export(OrgId orgId, AuditQuery query, long maxRows) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("An export holds at least one row");
        }
        return new AuditExport(this.log, orgId, query, this.log.chain(orgId).head(), maxRows,
                this.clock.instant());
    }

    /**
     * Records that an export was delivered, in its own transaction.
     * @param export the export
     * @param actor who exported
     * @param format {@code csv}, {@code json} or {@code ndjson}
     * @param rowCount how many rows were delivered
     * @param context the request
     */
    public void recordExport(AuditExport export, Actor actor, String format, long rowCount,
            RequestContext context) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("format", format);
        metadata.put("filters", export.query().describe());
        metadata.put("rowCount", rowCount);
        metadata.put("chainHead", export.head().header());
        this.transactions.run(() -> this.sink.record(export.orgId(), AuditEntry.of(export.orgId(), actor,
                EXPORTED_ACTION, "audit_log", null, metadata, context, this.clock.instant())));
    }

    /**
     * Walks the chain from its anchor to its head (as read when the walk starts), recomputing every hash.
     * @param orgId the organization
     * @return ok, or the first broken link
     */
    public ChainVerification verify(OrgId orgId) {
        AuditChain chain = this.log.chain(orgId);
        ChainPoint head = chain.head();
        long expectedSeq = chain.anchor().seq() + 1;
        String previousHash = chain.anchor().hash();
        UUID lastId = null;
        long checked = 0;
        while (expectedSeq <= head.seq()) {
            List<AuditRecord> batch = this.log.oldestFirst(orgId, AuditQuery.ALL, expectedSeq - 1, head.seq(),
                    BATCH_SIZE);
            if (batch.isEmpty()) {
                break;
            }
            for (AuditRecord row : batch) {
                Optional<BreakReason> broken = check(row, expectedSeq, previousHash);
                if (broken.isPresent()) {
                    return new ChainVerification(checked, chain.anchor(), head,
                            new ChainVerification.BrokenLink(row.seq(), row.id(), broken.get()));
                }
                checked++;
                previousHash = Objects.requireNonNull(row.hash());
                lastId = row.id();
                expectedSeq = row.seq() + 1;
            }
        }
        if (expectedSeq <= head.seq()) {
            return new ChainVerification(checked, chain.anchor(), head,
                    new ChainVerification.BrokenLink(expectedSeq, null, BreakReason.SEQ_GAP));
        }
        if (!previousHash.equals(head.hash())) {
            return new ChainVerification(checked, chain.anchor(), head,
                    new ChainVerification.BrokenLink(head.seq(), lastId, BreakReason.HASH_MISMATCH));
        }
        return new ChainVerification(checked, chain.anchor(), head, null);
    }

    private static Optional<BreakReason> check(AuditRecord row, long expectedSeq, String previousHash) {
        if (row.seq() != expectedSeq) {
            return Optional.of(BreakReason.SEQ_GAP);
        }
        String prevHash = row.prevHash();
        if (prevHash == null || !prevHash.equals(previousHash)) {
            return Optional.of(BreakReason.PREV_HASH_MISMATCH);
        }
        if (!AuditHashes.hash(prevHash, row.seq(), row.entry()).equals(row.hash())) {
            return Optional.of(BreakReason.HASH_MISMATCH);
        }
        return Optional.empty();
    }

    /**
     * Applies retention to every organization that has audit rows.
     * @param report receives each organization's result as soon as it is done (the job logs the chain heads)
     * @return the results
     */
    public List<RetentionResult> applyRetention(Consumer<RetentionResult> report) {
        List<RetentionResult> results = new ArrayList<>();
        for (OrgId orgId : this.log.organizations()) {
            RetentionResult result = applyRetention(orgId);
            report.accept(result);
            results.add(result);
        }
        return results;
    }

    /**
     * Applies retention to one organization: moves the anchor to the last expired row (rows created more than the
     * retention period ago, up to the first row that has not expired), then removes every row up to the anchor in
     * batches, each its own transaction. A run interrupted between the two steps is completed by the next one.
     * @param orgId the organization
     * @return how many rows were removed, and the anchor and head afterwards
     */
    public RetentionResult applyRetention(OrgId orgId) {
        Instant cutoff = this.clock.instant().minus(this.settings.retention());
        long through = this.log.expiredThrough(orgId, cutoff);
        ChainPoint anchor = this.transactions.inTransaction(() -> this.log.moveAnchor(orgId, through));
        long deleted = 0;
        int removed;
        do {
            removed = this.transactions.inTransaction(
                    () -> this.log.deleteThrough(orgId, anchor.seq(), BATCH_SIZE));
            deleted += removed;
        }
        while (removed == BATCH_SIZE);
        AuditChain chain = this.log.chain(orgId);
        return new RetentionResult(orgId, deleted, chain.anchor(), chain.head());
    }

    /**
     * The settings in use.
     * @return the settings
     */
    public AuditSettings settings() {
        return this.settings;
    }
}
