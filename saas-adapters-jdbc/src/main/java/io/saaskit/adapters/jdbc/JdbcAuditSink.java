package io.saaskit.adapters.jdbc;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AuditSink} on the {@code audit_log} table, in the organization's tenant scope. The insert joins the
 * caller's transaction (the {@link JdbcTransactionRunner} unit of work of the audited action), so the row commits or
 * rolls back with the action. {@code metadata} is stored as {@code jsonb}; row ids are time-ordered UUIDs stamped
 * with the action's time. The hash-chain columns ({@code seq}, {@code prev_hash}, {@code hash}) stay null until the
 * chain is introduced.
 */
public final class JdbcAuditSink implements AuditSink {

    private static final String INSERT = """
            insert into audit_log (id, org_id, created_at, actor_type, actor_user_id, actor_api_key_id,
                                   actor_token_id, action, target_type, target_id, metadata, request_id, ip,
                                   user_agent)
            values (:id, :orgId, :createdAt, :actorType, :actorUserId, :actorApiKeyId, :actorTokenId, :action,
                    :targetType, :targetId, cast(:metadata as jsonb), :requestId, :ip, :userAgent)
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates the sink.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcAuditSink(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public void record(OrgId orgId, AuditEntry entry) {
        if (!orgId.equals(entry.orgId())) {
            throw new IllegalArgumentException("Audit entry belongs to another organization");
        }
        String metadata = this.json.writeValueAsString(entry.metadata());
        UUID id = Ids.next(Clock.fixed(entry.createdAt(), ZoneOffset.UTC));
        this.scopes.tenant(orgId, () -> this.jdbc.sql(INSERT)
                .param("id", id)
                .param("orgId", orgId.value())
                .param("createdAt", Columns.timestamp(entry.createdAt()))
                .param("actorType", entry.actor().type().value())
                .param("actorUserId", entry.actor().userId())
                .param("actorApiKeyId", entry.actor().apiKeyId())
                .param("actorTokenId", entry.actor().tokenId())
                .param("action", entry.action())
                .param("targetType", entry.targetType())
                .param("targetId", entry.targetId())
                .param("metadata", metadata)
                .param("requestId", entry.requestId())
                .param("ip", entry.ip())
                .param("userAgent", entry.userAgent())
                .update());
    }

    @Override
    public String toString() {
        return "JdbcAuditSink[" + this.scopes + "]";
    }
}
