package io.saaskit.core.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.tenancy.OrgId;

/**
 * An export in progress: the rows of one organization matching a query, numbered up to the chain head read when
 * the export started, oldest first. {@link #stream(Consumer)} reads them in keyset batches of
 * {@value AuditService#BATCH_SIZE}, so memory stays constant whatever the size.
 */
public final class AuditExport {

    private final AuditLog log;
    private final OrgId orgId;
    private final AuditQuery query;
    private final ChainPoint head;
    private final long maxRows;
    private final Instant startedAt;

    AuditExport(AuditLog log, OrgId orgId, AuditQuery query, ChainPoint head, long maxRows, Instant startedAt) {
        this.log = log;
        this.orgId = orgId;
        this.query = query;
        this.head = head;
        this.maxRows = maxRows;
        this.startedAt = startedAt;
    }

    /**
     * Hands every row to a consumer, oldest first.
     * @param rows receives the rows; may write them to the client and fail when it goes away
     * @return how many rows were handed over
     */
    public long stream(Consumer<AuditRecord> rows) {
        Objects.requireNonNull(rows, "rows");
        long count = 0;
        long after = 0;
        while (count < this.maxRows) {
            int batchSize = (int) Math.min(AuditService.BATCH_SIZE, this.maxRows - count);
            List<AuditRecord> batch = this.log.oldestFirst(this.orgId, this.query, after, this.head.seq(), batchSize);
            for (AuditRecord row : batch) {
                rows.accept(row);
            }
            count += batch.size();
            if (batch.size() < batchSize) {
                break;
            }
            after = batch.get(batch.size() - 1).seq();
        }
        return count;
    }

    /**
     * The organization exported.
     * @return the organization
     */
    public OrgId orgId() {
        return this.orgId;
    }

    /**
     * The filters.
     * @return the query
     */
    public AuditQuery query() {
        return this.query;
    }

    /**
     * The chain head when the export started; no row after it is included.
     * @return the head
     */
    public ChainPoint head() {
        return this.head;
    }

    /**
     * When the export started.
     * @return the time
     */
    public Instant startedAt() {
        return this.startedAt;
    }
}
