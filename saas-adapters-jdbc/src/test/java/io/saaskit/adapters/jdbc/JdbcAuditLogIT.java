package io.saaskit.adapters.jdbc;

import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.audit.port.AuditLogContractTests;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

class JdbcAuditLogIT extends AuditLogContractTests {

    private final AuditSink sink = new JdbcAuditSink(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final AuditLog log = new JdbcAuditLog(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final TransactionRunner transactions = new JdbcTransactionRunner(SharedDatabase.get().dataSource());

    private final JdbcClient admin = JdbcClient.create(SharedDatabase.get().admin());

    @Override
    protected AuditSink sink() {
        return this.sink;
    }

    @Override
    protected AuditLog log() {
        return this.log;
    }

    @Override
    protected OrganizationRepository organizations() {
        return this.organizations;
    }

    @Override
    protected TransactionRunner transactions() {
        return this.transactions;
    }

    @Override
    protected void tamperWithMetadata(OrgId orgId, long seq) {
        this.admin.sql("""
                update audit_log set metadata = jsonb_set(metadata, '{note}', '"rewritten"')
                 where org_id = :orgId and seq = :seq
                """).param("orgId", orgId.value()).param("seq", seq).update();
    }
}
