package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;

import javax.sql.DataSource;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.ActorType;
import io.saaskit.core.audit.AuditChain;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditQuery;
import io.saaskit.core.audit.AuditRecord;
import io.saaskit.core.audit.ChainPoint;
import io.saaskit.core.audit.port.AuditLog;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link AuditLog} on the {@code audit_log} and {@code audit_chain} tables, in the organization's tenant scope
 * (the list of organizations for the retention job is a declared cross-tenant system read).
 *
 * <p>Every read is a keyset read on the unique index {@code (org_id, seq)}: {@code seq < :before order by seq desc}
 * for pages, {@code seq > :after and seq <= :through order by seq} for export and verification batches, so each
 * batch costs the same however far into the log it is.
 */
public final class JdbcAuditLog implements AuditLog {

    private static final String COLUMNS = """
            id, org_id, seq, created_at, actor_type, actor_user_id, actor_api_key_id, actor_token_id, action,
            target_type, target_id, metadata::text as metadata, request_id, ip, user_agent, prev_hash, hash
            """;

    private static final String CHAIN = """
            select head_seq, head_hash, anchor_seq, anchor_hash from audit_chain where org_id = :orgId
            """;

    private static final String SEQ_OF = """
            select seq from audit_log where org_id = :orgId and id = :id
            """;

    private static final String ORGANIZATIONS = """
            select org_id from audit_chain order by org_id
            """;

    private static final String EXPIRED_THROUGH = """
            select coalesce((select min(l.seq) - 1 from audit_log l
                              where l.org_id = c.org_id and l.seq > c.anchor_seq and l.created_at >= :cutoff),
                            c.head_seq)
              from audit_chain c
             where c.org_id = :orgId
            """;

    private static final String MOVE_ANCHOR = """
            update audit_chain c
               set anchor_seq = l.seq, anchor_hash = l.hash
              from audit_log l
             where c.org_id = :orgId and l.org_id = :orgId and l.seq = :seq and c.anchor_seq < l.seq
               and l.hash is not null
            """;

    private static final String DELETE_THROUGH = """
            delete from audit_log
             where org_id = :orgId
               and seq in (select seq from audit_log where org_id = :orgId and seq <= :through
                            order by seq limit :batchSize)
            """;

    private static final TypeReference<Map<String, @Nullable Object>> METADATA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Creates the log.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcAuditLog(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public AuditChain chain(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(CHAIN).param("orgId", orgId.value())
                .query((row, n) -> new AuditChain(
                        new ChainPoint(row.getLong("head_seq"), row.getString("head_hash")),
                        new ChainPoint(row.getLong("anchor_seq"), row.getString("anchor_hash"))))
                .optional()
                .orElse(AuditChain.EMPTY));
    }

    @Override
    public OptionalLong seqOf(OrgId orgId, UUID id) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(SEQ_OF).param("orgId", orgId.value()).param("id", id)
                .query(Long.class).optional()
                .map(OptionalLong::of).orElse(OptionalLong.empty()));
    }

    @Override
    public List<AuditRecord> newestFirst(OrgId orgId, AuditQuery query, @Nullable Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS).append(" from audit_log where org_id = :orgId");
        if (beforeSeq != null) {
            sql.append(" and seq < :beforeSeq");
        }
        appendFilters(sql, query);
        sql.append(" order by seq desc limit :limit");
        return this.scopes.tenant(orgId, () -> {
            JdbcClient.StatementSpec statement = bindFilters(this.jdbc.sql(sql.toString()), query)
                    .param("orgId", orgId.value()).param("limit", limit);
            if (beforeSeq != null) {
                statement = statement.param("beforeSeq", beforeSeq);
            }
            return statement.query((row, n) -> record(row)).list();
        });
    }

    @Override
    public List<AuditRecord> oldestFirst(OrgId orgId, AuditQuery query, long afterSeq, long throughSeq, int limit) {
        StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
                .append(" from audit_log where org_id = :orgId and seq > :afterSeq and seq <= :throughSeq");
        appendFilters(sql, query);
        sql.append(" order by seq limit :limit");
        return this.scopes.tenant(orgId, () -> bindFilters(this.jdbc.sql(sql.toString()), query)
                .param("orgId", orgId.value()).param("afterSeq", afterSeq).param("throughSeq", throughSeq)
                .param("limit", limit)
                .query((row, n) -> record(row)).list());
    }

    @Override
    public List<OrgId> organizations() {
        return this.scopes.system(() -> this.jdbc.sql(ORGANIZATIONS).query((row, n) -> new OrgId(
                Columns.uuid(row, "org_id"))).list());
    }

    @Override
    public long expiredThrough(OrgId orgId, Instant cutoff) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(EXPIRED_THROUGH).param("orgId", orgId.value())
                .param("cutoff", Columns.timestamp(cutoff)).query(Long.class).optional().orElse(0L));
    }

    @Override
    public ChainPoint moveAnchor(OrgId orgId, long seq) {
        return this.scopes.tenant(orgId, () -> {
            this.jdbc.sql(MOVE_ANCHOR).param("orgId", orgId.value()).param("seq", seq).update();
            return chain(orgId).anchor();
        });
    }

    @Override
    public int deleteThrough(OrgId orgId, long throughSeq, int batchSize) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(DELETE_THROUGH).param("orgId", orgId.value())
                .param("through", throughSeq).param("batchSize", batchSize).update());
    }

    private static void appendFilters(StringBuilder sql, AuditQuery query) {
        if (query.action() != null) {
            sql.append(query.actionIsPrefix() ? " and action like :action escape '\\'" : " and action = :action");
        }
        if (query.actorUserId() != null) {
            sql.append(" and actor_user_id = :actorUserId");
        }
        if (query.targetType() != null) {
            sql.append(" and target_type = :targetType");
        }
        if (query.from() != null) {
            sql.append(" and created_at >= :from");
        }
        if (query.to() != null) {
            sql.append(" and created_at < :to");
        }
    }

    private static JdbcClient.StatementSpec bindFilters(JdbcClient.StatementSpec statement, AuditQuery query) {
        JdbcClient.StatementSpec bound = statement;
        String prefix = query.actionPrefix();
        if (prefix != null) {
            bound = bound.param("action", likeEscaped(prefix) + "%");
        }
        else if (query.action() != null) {
            bound = bound.param("action", query.action());
        }
        if (query.actorUserId() != null) {
            bound = bound.param("actorUserId", query.actorUserId());
        }
        if (query.targetType() != null) {
            bound = bound.param("targetType", query.targetType());
        }
        if (query.from() != null) {
            bound = bound.param("from", Columns.timestamp(query.from()));
        }
        if (query.to() != null) {
            bound = bound.param("to", Columns.timestamp(query.to()));
        }
        return bound;
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private AuditRecord record(ResultSet row) throws SQLException {
        String type = row.getString("actor_type");
        ActorType actorType = ActorType.parse(type)
                .orElseThrow(() -> new SQLException("Unknown actor type in audit_log"));
        Actor actor = new Actor(actorType, row.getObject("actor_user_id", UUID.class),
                row.getObject("actor_api_key_id", UUID.class), row.getObject("actor_token_id", UUID.class));
        Map<String, @Nullable Object> metadata = this.json.readValue(row.getString("metadata"), METADATA);
        AuditEntry entry = new AuditEntry(new OrgId(Columns.uuid(row, "org_id")), actor, row.getString("action"),
                row.getString("target_type"), row.getString("target_id"), metadata, row.getString("request_id"),
                row.getString("ip"), row.getString("user_agent"), Columns.instant(row, "created_at"));
        return new AuditRecord(Columns.uuid(row, "id"), row.getLong("seq"), entry, row.getString("prev_hash"),
                row.getString("hash"));
    }

    @Override
    public String toString() {
        return "JdbcAuditLog[" + this.scopes + "]";
    }
}
