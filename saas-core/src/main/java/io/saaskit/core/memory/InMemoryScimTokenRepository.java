package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.provisioning.ScimToken;
import io.saaskit.core.provisioning.ScimTokenId;
import io.saaskit.core.provisioning.port.ScimTokenRepository;
import io.saaskit.core.tenancy.OrgId;

/**
 * A {@link ScimTokenRepository} kept in memory, for tests and for embedding the core without a database.
 *
 * <p>Thread-safe: every method holds the instance's monitor. Like the database, it refuses a second token with the
 * same id or hash, and finds nothing under another organization's id.
 */
public final class InMemoryScimTokenRepository implements ScimTokenRepository {

    private static final Comparator<ScimToken> NEWEST_FIRST = Comparator.comparing(ScimToken::createdAt)
            .thenComparing((ScimToken t) -> t.id().toString())
            .reversed();

    private final Map<ScimTokenId, ScimToken> byId = new HashMap<>();

    private final Map<String, ScimTokenId> idByHash = new HashMap<>();

    @Override
    public synchronized void insert(OrgId orgId, ScimToken token) {
        if (!orgId.equals(token.orgId())) {
            throw new IllegalArgumentException("SCIM token " + token.id() + " belongs to another organization");
        }
        if (this.byId.containsKey(token.id()) || this.idByHash.containsKey(token.tokenHash())) {
            throw new IllegalStateException("SCIM token " + token.id() + " already exists");
        }
        this.byId.put(token.id(), token);
        this.idByHash.put(token.tokenHash(), token.id());
    }

    @Override
    public synchronized Optional<ScimToken> findById(OrgId orgId, ScimTokenId id) {
        return Optional.ofNullable(this.byId.get(id)).filter((token) -> token.orgId().equals(orgId));
    }

    @Override
    public synchronized List<ScimToken> list(OrgId orgId) {
        return this.byId.values().stream().filter((token) -> token.orgId().equals(orgId)).sorted(NEWEST_FIRST)
                .toList();
    }

    @Override
    public synchronized boolean revoke(OrgId orgId, ScimTokenId id, Instant revokedAt) {
        Optional<ScimToken> token = findById(orgId, id).filter((t) -> !t.isRevoked());
        token.ifPresent((t) -> this.byId.put(id, t.revoke(revokedAt)));
        return token.isPresent();
    }

    @Override
    public synchronized Optional<ScimToken> findByHash(String tokenHash) {
        return Optional.ofNullable(this.idByHash.get(tokenHash)).map(this.byId::get);
    }

    @Override
    public synchronized boolean markUsed(OrgId orgId, ScimTokenId id, Instant usedAt, Instant unlessUsedSince) {
        Optional<ScimToken> token = findById(orgId, id)
                .filter((t) -> t.lastUsedAt().filter((last) -> !last.isBefore(unlessUsedSince)).isEmpty());
        token.ifPresent((t) -> this.byId.put(id, ScimToken.restore(t.id(), t.orgId(), t.name(), t.prefix(),
                t.tokenHash(), t.createdByUserId(), t.createdAt(), usedAt, t.revokedAt().orElse(null))));
        return token.isPresent();
    }
}
