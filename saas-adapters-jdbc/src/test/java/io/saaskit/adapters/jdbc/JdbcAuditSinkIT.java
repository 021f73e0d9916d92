package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.ActorType;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.audit.port.AuditSinkContractTests;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JdbcAuditSinkIT extends AuditSinkContractTests {

    private static final String SELECT = """
            select org_id, created_at, actor_type, actor_user_id, actor_api_key_id, actor_token_id, action,
                   target_type, target_id, metadata::text as metadata, request_id, ip, user_agent
              from audit_log
             where org_id = :orgId
             order by created_at, id
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditSink sink = new JdbcAuditSink(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final OrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final TransactionRunner transactions = new JdbcTransactionRunner(SharedDatabase.get().dataSource());

    private final JdbcClient admin = JdbcClient.create(SharedDatabase.get().admin());

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
        return this.admin.sql(SELECT).param("orgId", orgId.value()).query(JdbcAuditSinkIT::entry).list();
    }

    @Test
    void rowRollsBackWithTheActionItRecords() {
        OrgId org = storedOrganization();

        assertThatIllegalStateException().isThrownBy(() -> this.transactions.run(() -> {
            this.sink.record(org, entry(org, UUID.randomUUID(), "doomed.action"));
            throw new IllegalStateException("the audited action failed");
        }));

        assertThat(recorded(org)).isEmpty();
    }

    @Test
    void rowCommitsWithTheActionItRecords() {
        OrgId org = storedOrganization();

        this.transactions.run(() -> this.sink.record(org, entry(org, UUID.randomUUID(), "kept.action")));

        assertThat(recorded(org)).extracting(AuditEntry::action).containsExactly("kept.action");
    }

    @Test
    void metadataIsStoredAsAJsonObjectAndTheRowStartsTheChain() {
        OrgId org = storedOrganization();
        this.sink.record(org, AuditEntry.of(org, Actor.SYSTEM, "seed.create", null, null, Map.of("n", 1),
                RequestContext.NONE, this.clock.instant()));

        Map<String, Object> row = this.admin.sql("""
                select jsonb_typeof(metadata) as type, metadata ->> 'n' as n, seq, prev_hash, hash
                  from audit_log where org_id = :orgId
                """).param("orgId", org.value()).query().singleRow();

        assertThat(row).containsEntry("type", "object").containsEntry("n", "1").containsEntry("seq", 1L)
                .containsEntry("prev_hash", "0".repeat(64));
        assertThat((String) row.get("hash")).matches("[0-9a-f]{64}");
    }

    private static AuditEntry entry(ResultSet row, int rowNumber) throws SQLException {
        Actor actor = new Actor(ActorType.parse(row.getString("actor_type")).orElseThrow(),
                uuid(row, "actor_user_id"), uuid(row, "actor_api_key_id"), uuid(row, "actor_token_id"));
        Map<String, @Nullable Object> metadata = JSON.readValue(row.getString("metadata"),
                new TypeReference<Map<String, @Nullable Object>>() {
                });
        return new AuditEntry(new OrgId(Columns.uuid(row, "org_id")), actor, row.getString("action"),
                row.getString("target_type"), row.getString("target_id"), metadata, row.getString("request_id"),
                row.getString("ip"), row.getString("user_agent"), Columns.instant(row, "created_at"));
    }

    private static @Nullable UUID uuid(ResultSet row, String column) throws SQLException {
        return row.getObject(column, UUID.class);
    }
}
