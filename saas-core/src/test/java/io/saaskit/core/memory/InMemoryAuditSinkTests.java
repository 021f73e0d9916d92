package io.saaskit.core.memory;

import java.util.List;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.audit.port.AuditSinkContractTests;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;

class InMemoryAuditSinkTests extends AuditSinkContractTests {

    private final InMemoryAuditSink sink = new InMemoryAuditSink();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    @Override
    protected AuditSink sink() {
        return this.sink;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }

    @Override
    protected List<AuditEntry> recorded(OrgId orgId) {
        return this.sink.entries(orgId);
    }
}
