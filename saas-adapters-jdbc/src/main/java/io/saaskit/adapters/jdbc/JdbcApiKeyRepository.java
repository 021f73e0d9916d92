package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.tenancy.OrgId;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link ApiKeyRepository} on the {@code api_key} table. Tenant-scoped methods filter on {@code org_id} and run in
 * the organization's tenant scope, so row-level security hides every other organization's keys even if a filter
 * were missing; {@link #findByHash(String)} is the declared cross-tenant system path (a presented key does not
 * know its organization yet) and uses the unique index on {@code key_hash}.
 */
public final class JdbcApiKeyRepository implements ApiKeyRepository {

    private static final String COLUMNS = """
            id, org_id, name, prefix, key_hash, pepper_version, created_by_user_id, created_at, expires_at,
            last_used_at, revoked_at
            """;

    private static final String INSERT = """
            insert into api_key (id, org_id, name, prefix, key_hash, pepper_version, created_by_user_id, created_at,
                                 expires_at, last_used_at, revoked_at)
            values (:id, :orgId, :name, :prefix, :keyHash, :pepperVersion, :createdBy, :createdAt, :expiresAt,
                    :lastUsedAt, :revokedAt)
            """;

    private static final String FIND_BY_ID = "select " + COLUMNS + " from api_key where org_id = :orgId and id = :id";

    private static final String LIST = "select " + COLUMNS
            + " from api_key where org_id = :orgId order by created_at desc, id desc";

    private static final String FIND_BY_HASH = "select " + COLUMNS + " from api_key where key_hash = :keyHash";

    private static final String REVOKE = """
            update api_key set revoked_at = :revokedAt
             where org_id = :orgId and id = :id and revoked_at is null
            """;

    private static final String REHASH = """
            update api_key set key_hash = :newHash, pepper_version = :pepperVersion
             where org_id = :orgId and id = :id and key_hash = :oldHash
            """;

    private static final String MARK_USED = """
            update api_key set last_used_at = :usedAt
             where org_id = :orgId and id = :id and (last_used_at is null or last_used_at < :unlessUsedSince)
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the repository.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcApiKeyRepository(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public void insert(OrgId orgId, ApiKey key) {
        if (!orgId.equals(key.orgId())) {
            throw new IllegalArgumentException("API key " + key.id() + " belongs to another organization");
        }
        this.scopes.tenant(orgId, () -> this.jdbc.sql(INSERT)
                .param("id", key.id().value())
                .param("orgId", orgId.value())
                .param("name", key.name())
                .param("prefix", key.prefix())
                .param("keyHash", key.keyHash())
                .param("pepperVersion", key.pepperVersion())
                .param("createdBy", key.createdByUserId().value())
                .param("createdAt", Columns.timestamp(key.createdAt()))
                .param("expiresAt", Columns.nullableTimestamp(key.expiresAt().orElse(null)))
                .param("lastUsedAt", Columns.nullableTimestamp(key.lastUsedAt().orElse(null)))
                .param("revokedAt", Columns.nullableTimestamp(key.revokedAt().orElse(null)))
                .update());
    }

    @Override
    public Optional<ApiKey> findById(OrgId orgId, ApiKeyId id) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(FIND_BY_ID)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .query(JdbcApiKeyRepository::apiKey)
                .optional());
    }

    @Override
    public List<ApiKey> list(OrgId orgId) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(LIST)
                .param("orgId", orgId.value())
                .query(JdbcApiKeyRepository::apiKey)
                .list());
    }

    @Override
    public boolean revoke(OrgId orgId, ApiKeyId id, Instant revokedAt) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(REVOKE)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .param("revokedAt", Columns.timestamp(revokedAt))
                .update() > 0);
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return this.scopes.system(() -> this.jdbc.sql(FIND_BY_HASH)
                .param("keyHash", keyHash)
                .query(JdbcApiKeyRepository::apiKey)
                .optional());
    }

    @Override
    public boolean rehash(OrgId orgId, ApiKeyId id, String oldHash, String newHash, String pepperVersion) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(REHASH)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .param("oldHash", oldHash)
                .param("newHash", newHash)
                .param("pepperVersion", pepperVersion)
                .update() > 0);
    }

    @Override
    public boolean markUsed(OrgId orgId, ApiKeyId id, Instant usedAt, Instant unlessUsedSince) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(MARK_USED)
                .param("orgId", orgId.value())
                .param("id", id.value())
                .param("usedAt", Columns.timestamp(usedAt))
                .param("unlessUsedSince", Columns.timestamp(unlessUsedSince))
                .update() > 0);
    }

    private static ApiKey apiKey(ResultSet row, int rowNumber) throws SQLException {
        return ApiKey.restore(new ApiKeyId(Columns.uuid(row, "id")), new OrgId(Columns.uuid(row, "org_id")),
                row.getString("name"), row.getString("prefix"), row.getString("key_hash"),
                row.getString("pepper_version"), new UserId(Columns.uuid(row, "created_by_user_id")),
                Columns.instant(row, "created_at"), Columns.nullableInstant(row, "expires_at"),
                Columns.nullableInstant(row, "last_used_at"), Columns.nullableInstant(row, "revoked_at"));
    }
}
