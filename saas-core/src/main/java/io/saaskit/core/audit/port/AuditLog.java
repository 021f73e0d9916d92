package io.saaskit.core.audit.port;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import io.saaskit.core.audit.AuditChain;
import io.saaskit.core.audit.AuditQuery;
import io.saaskit.core.audit.AuditRecord;
import io.saaskit.core.audit.ChainPoint;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Reads an organization's audit rows and hash chain, and removes expired rows behind a moved anchor.
 *
 * <p>The counterpart of {@link AuditSink}, usually implemented by the same store. Reads are keyset reads on the
 * per-organization sequence number, so a page or an export batch costs the same however deep it is and stays stable
 * while new rows arrive (new rows always get higher numbers). Every method is scoped to one organization except
 * {@link #organizations()}.
 */
public interface AuditLog {

    /**
     * The organization's chain: head and anchor; {@link AuditChain#EMPTY} when it has no rows yet.
     * @param orgId the organization
     * @return the chain state as committed
     */
    AuditChain chain(OrgId orgId);

    /**
     * The sequence number of a row of this organization, used to resume paging after a cursor.
     * @param orgId the organization
     * @param id the row id
     * @return the number, or empty when the organization has no such row
     */
    OptionalLong seqOf(OrgId orgId, UUID id);

    /**
     * Matching rows, newest first (descending sequence number).
     * @param orgId the organization
     * @param query the filters
     * @param beforeSeq only rows numbered below this, or {@code null} for the newest rows
     * @param limit the most rows to return, at least one
     * @return the rows
     */
    List<AuditRecord> newestFirst(OrgId orgId, AuditQuery query, @Nullable Long beforeSeq, int limit);

    /**
     * Matching rows, oldest first (ascending sequence number), within a range of numbers.
     * @param orgId the organization
     * @param query the filters
     * @param afterSeq only rows numbered above this
     * @param throughSeq only rows numbered at most this
     * @param limit the most rows to return, at least one
     * @return the rows
     */
    List<AuditRecord> oldestFirst(OrgId orgId, AuditQuery query, long afterSeq, long throughSeq, int limit);

    /**
     * Every organization that has an audit chain: a cross-tenant read for the retention job.
     * @return the organizations
     */
    List<OrgId> organizations();

    /**
     * The highest sequence number up to which every row after the anchor was created before a time: the rows
     * retention may remove without leaving a hole in the chain.
     * @param orgId the organization
     * @param cutoff rows created before this have expired
     * @return the number, or the anchor's number when nothing has expired
     */
    long expiredThrough(OrgId orgId, Instant cutoff);

    /**
     * Moves the chain's anchor forward to a present row, taking that row's hash; an anchor already at or past the
     * row is left as it is.
     * @param orgId the organization
     * @param seq the row that becomes the anchor
     * @return the anchor after the call
     */
    ChainPoint moveAnchor(OrgId orgId, long seq);

    /**
     * Removes up to {@code batchSize} rows numbered at most {@code throughSeq}, oldest first. Only retention calls
     * it, after moving the anchor past them.
     * @param orgId the organization
     * @param throughSeq the highest number to remove
     * @param batchSize the most rows to remove in this call
     * @return how many rows were removed
     */
    int deleteThrough(OrgId orgId, long throughSeq, int batchSize);
}
