package io.saaskit.core.memory;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditQuery;
import io.saaskit.core.audit.AuditRecord;
import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.audit.port.AuditLogContractTests;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;

class InMemoryAuditLogTests extends AuditLogContractTests {

    private final InMemoryAuditSink store = new InMemoryAuditSink();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    @Override
    protected AuditSink sink() {
        return this.store;
    }

    @Override
    protected AuditLog log() {
        return this.store;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }

    @Override
    protected TransactionRunner transactions() {
        return new InMemoryTransactionRunner();
    }

    @Override
    protected void tamperWithMetadata(OrgId orgId, long seq) {
        AuditRecord row = this.store.oldestFirst(orgId, AuditQuery.ALL, seq - 1, seq, 1).get(0);
        AuditEntry entry = row.entry();
        Map<String, Object> metadata = new LinkedHashMap<>(entry.metadata());
        metadata.put("note", "rewritten");
        AuditEntry altered = new AuditEntry(entry.orgId(), entry.actor(), entry.action(), entry.targetType(),
                entry.targetId(), metadata, entry.requestId(), entry.ip(), entry.userAgent(), entry.createdAt());
        this.store.overwrite(orgId, new AuditRecord(row.id(), row.seq(), altered, row.prevHash(), row.hash()));
    }
}
