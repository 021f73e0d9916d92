package io.saaskit.core.audit.port;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.tenancy.OrgId;

/**
 * Appends audit rows.
 *
 * <p>Services call it inside the {@link io.saaskit.core.shared.port.TransactionRunner} unit of work of the action
 * being recorded, so the row and the action commit together or not at all; implementations must join that unit of
 * work. The implementation assigns the row's id (and, from milestone 4, its sequence number and hash).
 */
public interface AuditSink {

    /**
     * Appends one row.
     * @param orgId the organization the row belongs to; must equal {@code entry.orgId()}
     * @param entry the row
     * @throws IllegalArgumentException when the entry belongs to another organization
     */
    void record(OrgId orgId, AuditEntry entry);
}
