package io.saaskit.core.memory;

import java.util.ArrayList;
import java.util.List;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.tenancy.OrgId;

/**
 * An {@link AuditSink} kept in memory, for tests and for embedding the core without a database. Entries are kept
 * in the order they were recorded; {@link #entries(OrgId)} reads them back.
 */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(OrgId orgId, AuditEntry entry) {
        if (!orgId.equals(entry.orgId())) {
            throw new IllegalArgumentException("Audit entry belongs to another organization");
        }
        this.entries.add(entry);
    }

    /**
     * The entries of one organization, oldest first.
     * @param orgId the organization
     * @return the entries
     */
    public synchronized List<AuditEntry> entries(OrgId orgId) {
        return this.entries.stream().filter((entry) -> entry.orgId().equals(orgId)).toList();
    }
}
