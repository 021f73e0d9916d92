package io.saaskit.adapters.jdbc;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditHashes;
import io.saaskit.core.audit.ChainPoint;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AuditSink} on the {@code audit_log} table, in the organization's tenant scope, extending the organization's
 * hash chain. The append joins the caller's transaction (the {@link JdbcTransactionRunner} unit of work of the
 * audited action), so the row commits or rolls back with the action.
 *
 * <p>Appends to one organization are serialised by a row lock on its {@code audit_chain} row, held until the
 * transaction ends, so sequence numbers are gapless and follow commit order (a reader never sees row n+1 before row
 * n). {@code metadata} is stored as {@code jsonb}; row ids are time-ordered UUIDs stamped with the action's time.
 */
public final class JdbcAuditSink implements AuditSink {

    private static final String CREATE_CHAIN = """
            insert into audit_chain (org_id, head_seq, head_hash, anchor_seq, anchor_hash)
            values (:orgId, 0, :genesis, 0, :genesis)
            on conflict (org_id) do nothing
            """;

    private static final String LOCK_CHAIN = """
            select head_seq, head_hash from audit_chain where org_id = :orgId for update
            """;

    private static final String INSERT = """
            insert into audit_log (id, org_id, seq, created_at, actor_type, actor_user_id, actor_api_key_id,
                                   actor_token_id, action, target_type, target_id, metadata, request_id, ip,
                                   user_agent, prev_hash, hash)
            values (:id, :orgId, :seq, :createdAt, :actorType, :actorUserId, :actorApiKeyId, :actorTokenId, :action,
                    :targetType, :targetId, cast(:metadata as jsonb), :requestId, :ip, :userAgent, :prevHash, :hash)
            """;

    private static final String ADVANCE_HEAD = """
            update audit_chain set head_seq = :seq, head_hash = :hash where org_id = :orgId
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
        AuditEntry stored = AuditHashes.normalise(entry);
        String metadata = this.json.writeValueAsString(stored.metadata());
        UUID id = Ids.next(Clock.fixed(stored.createdAt(), ZoneOffset.UTC));
        this.scopes.tenant(orgId, () -> {
            // The organization's first row creates its chain row; a concurrent first append waits on the insert.
            ChainPoint head = lockChain(orgId).orElseGet(() -> {
                this.jdbc.sql(CREATE_CHAIN).param("orgId", orgId.value())
                        .param("genesis", ChainPoint.GENESIS.hash()).update();
                return lockChain(orgId).orElseThrow();
            });
            long seq = head.seq() + 1;
            String hash = AuditHashes.hash(head.hash(), seq, stored);
            this.jdbc.sql(INSERT)
                    .param("id", id)
                    .param("orgId", orgId.value())
                    .param("seq", seq)
                    .param("createdAt", Columns.timestamp(stored.createdAt()))
                    .param("actorType", stored.actor().type().value())
                    .param("actorUserId", stored.actor().userId())
                    .param("actorApiKeyId", stored.actor().apiKeyId())
                    .param("actorTokenId", stored.actor().tokenId())
                    .param("action", stored.action())
                    .param("targetType", stored.targetType())
                    .param("targetId", stored.targetId())
                    .param("metadata", metadata)
                    .param("requestId", stored.requestId())
                    .param("ip", stored.ip())
                    .param("userAgent", stored.userAgent())
                    .param("prevHash", head.hash())
                    .param("hash", hash)
                    .update();
            return this.jdbc.sql(ADVANCE_HEAD).param("seq", seq).param("hash", hash).param("orgId", orgId.value())
                    .update();
        });
    }

    private Optional<ChainPoint> lockChain(OrgId orgId) {
        return this.jdbc.sql(LOCK_CHAIN).param("orgId", orgId.value())
                .query((row, n) -> new ChainPoint(row.getLong("head_seq"), row.getString("head_hash")))
                .optional();
    }

    @Override
    public String toString() {
        return "JdbcAuditSink[" + this.scopes + "]";
    }
}
