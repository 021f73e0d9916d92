package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.provisioning.ScimToken;
import io.saaskit.core.provisioning.ScimTokenId;
import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.tenancy.OrgId;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ScimTokenRepository} on the {@code scim_token} table. Tenant-scoped methods filter on {@code org_id} and run
 * in the organization's tenant scope; {@link #findByHash(String)} is the declared cross-tenant system path (a
 * presented token does not know its organization yet) and uses the unique index on {@code token_hash}.
 */
public final class JdbcScimTokenRepository implements ScimTokenRepository {

    private static final String COLUMNS = """
            id, org_id, name, prefix, token_hash, created_by_user_id, created_at, last_used_at, revoked_at
            """;

    private static final String INSERT = """
            insert into scim_token (id, org_id, name, prefix, token_hash, created_by_user_id, created_at,
                                    last_used_at, revoked_at)
            values (:id, :orgId, :name, :prefix, :tokenHash, :createdBy, :createdAt, :lastUsedAt, :revokedAt)
            """;

    private static final String FIND_BY_ID = "select " + COLUMNS
            + " from scim_token where org_id = :orgId and id = :id";

    private static final String LIST = "select " + COLUMNS
            + " from scim_token where org_id = :orgId order by created_at desc, id desc";

    private static final String FIND_BY_HASH = "select " + COLUMNS + " from scim_token where token_hash = :tokenHash";

    private static final String REVOKE = """
            update scim_token set revoked_at = :revokedAt
             where org_id = :orgId and id = :id and revoked_at is null
            """;

    private static final String MARK_USED = """
            update scim_token set last_used_at = :usedAt
             where org_id = :orgId and id = :id and (last_used_at is null or last_used_at < :unlessUsedSince)
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcScimTokenRepository(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public void insert(OrgId orgId, ScimToken token) {
        if (!orgId.equals(token.orgId())) {
            throw new IllegalArgumentException("SCIM token " + token.id() + " belongs to another organization");
        }
        this.scopes.tenant(orgId, () -> this.jdbc.sql(INSERT)
                .param("id", token.id().value())
                .param("orgId", orgId.value())
                .param("name", token.name())
                .param("prefix", token.prefix())
                .param("tokenHash", token.tokenHash())
                .param("createdBy", token.createdByUserId().value())
                .param("createdAt", Columns.timestamp(token.createdAt()))
                .param("lastUsedAt", Columns.nullableTimestamp(token.lastUsedAt().orElse(null)))
                .param("revokedAt", Columns.nullableTimestamp(token.revokedAt().orElse(null)))
                .update());
    }

    @Override
    public Optional<ScimToken> findById(OrgId orgId, ScimTokenId id) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(FIND_BY_ID)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .query(JdbcScimTokenRepository::token)
                .optional());
    }

    @Override
    public List<ScimToken> list(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(LIST)
                .param("orgId", orgId.value())
                .query(JdbcScimTokenRepository::token)
                .list());
    }

    @Override
    public boolean revoke(OrgId orgId, ScimTokenId id, Instant revokedAt) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(REVOKE)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .param("revokedAt", Columns.timestamp(revokedAt))
                .update() > 0);
    }

    @Override
    public Optional<ScimToken> findByHash(String tokenHash) {
        return this.scopes.system(() -> this.jdbc.sql(FIND_BY_HASH)
                .param("tokenHash", tokenHash)
                .query(JdbcScimTokenRepository::token)
                .optional());
    }

    @Override
    public boolean markUsed(OrgId orgId, ScimTokenId id, Instant usedAt, Instant unlessUsedSince) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(MARK_USED)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .param("usedAt", Columns.timestamp(usedAt))
                .param("unlessUsedSince", Columns.timestamp(unlessUsedSince))
                .update() > 0);
    }

    private static ScimToken token(ResultSet row, int rowNumber) throws SQLException {
        return ScimToken.restore(new ScimTokenId(Columns.uuid(row, "id")), new OrgId(Columns.uuid(row, "org_id")),
                row.getString("name"), row.getString("prefix"), row.getString("token_hash"),
                new UserId(Columns.uuid(row, "created_by_user_id")), Columns.instant(row, "created_at"),
                Columns.nullableInstant(row, "last_used_at"), Columns.nullableInstant(row, "revoked_at"));
    }
}
