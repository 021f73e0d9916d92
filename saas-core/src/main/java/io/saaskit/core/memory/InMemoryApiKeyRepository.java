package io.saaskit.core.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.tenancy.OrgId;

/**
 * An {@link ApiKeyRepository} kept in memory, for tests and for embedding the core without a database.
 *
 * <p>Thread-safe: every method holds the instance's monitor. Like the database, it refuses a second key with the
 * same id or hash, and finds nothing under another organization's id.
 */
public final class InMemoryApiKeyRepository implements ApiKeyRepository {

    /** Newest first: by creation time, then by id text (the order of a database's uuid column). */
    private static final Comparator<ApiKey> NEWEST_FIRST = Comparator.comparing(ApiKey::createdAt)
            .thenComparing((ApiKey k) -> k.id().toString())
            .reversed();

    private final Map<ApiKeyId, ApiKey> byId = new HashMap<>();

    private final Map<String, ApiKeyId> idByHash = new HashMap<>();

    @Override
    public synchronized void insert(OrgId orgId, ApiKey key) {
        if (!orgId.equals(key.orgId())) {
            throw new IllegalArgumentException("API key " + key.id() + " belongs to another organization");
        }
        if (this.byId.containsKey(key.id()) || this.idByHash.containsKey(key.keyHash())) {
            throw new IllegalStateException("API key " + key.id() + " already exists");
        }
        this.byId.put(key.id(), key);
        this.idByHash.put(key.keyHash(), key.id());
    }

    @Override
    public synchronized Optional<ApiKey> findById(OrgId orgId, ApiKeyId id) {
        return Optional.ofNullable(this.byId.get(id)).filter((key) -> key.orgId().equals(orgId));
    }

    @Override
    public synchronized List<ApiKey> list(OrgId orgId) {
        return this.byId.values().stream().filter((key) -> key.orgId().equals(orgId)).sorted(NEWEST_FIRST).toList();
    }

    @Override
    public synchronized boolean revoke(OrgId orgId, ApiKeyId id, Instant revokedAt) {
        Optional<ApiKey> key = findById(orgId, id).filter((k) -> !k.isRevoked());
        key.ifPresent((k) -> this.byId.put(id, k.revoke(revokedAt)));
        return key.isPresent();
    }

    @Override
    public synchronized Optional<ApiKey> findByHash(String keyHash) {
        return Optional.ofNullable(this.idByHash.get(keyHash)).map(this.byId::get);
    }

    @Override
    public synchronized boolean rehash(OrgId orgId, ApiKeyId id, String oldHash, String newHash,
            String pepperVersion) {
        Optional<ApiKey> key = findById(orgId, id).filter((k) -> k.keyHash().equals(oldHash));
        if (key.isEmpty() || this.idByHash.containsKey(newHash)) {
            return false;
        }
        this.idByHash.remove(oldHash);
        this.idByHash.put(newHash, id);
        this.byId.put(id, key.get().rehashed(newHash, pepperVersion));
        return true;
    }

    @Override
    public synchronized boolean markUsed(OrgId orgId, ApiKeyId id, Instant usedAt, Instant unlessUsedSince) {
        Optional<ApiKey> key = findById(orgId, id)
                .filter((k) -> k.lastUsedAt().map((last) -> last.isBefore(unlessUsedSince)).orElse(true));
        key.ifPresent((k) -> this.byId.put(id, k.usedAt(usedAt)));
        return key.isPresent();
    }
}
