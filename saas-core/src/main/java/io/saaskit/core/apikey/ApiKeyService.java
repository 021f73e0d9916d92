package io.saaskit.core.apikey;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.saaskit.core.apikey.port.ApiKeyCache;
import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Permission;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * Creates, lists, revokes and verifies an organization's API keys.
 *
 * <p>Verification ({@link #verify}) is the hot path of every API-key request: the format and checksum are checked
 * with no I/O, then the keyed hash is looked up through a short-lived {@link ApiKeyCache} (found keys at most 10 s,
 * unknown hashes a few seconds), so a busy key or a flood of one garbage key costs no database query per request.
 * Revocation commits, evicts the key from this instance's cache at once, and announces it on the
 * {@link ApiKeyRevocationChannel} so every other instance evicts it too; the cache lifetime bounds the delay when a
 * message is lost. Last use ({@link #recordUse}) is written at most once a minute per key.
 *
 * <p>Creation and the first revocation of a key write an audit row in the same transaction.
 */
public final class ApiKeyService {

    /** Audit action of a creation. */
    public static final String CREATE_ACTION = "apiKey.create";

    /** Audit action of a revocation. */
    public static final String REVOKE_ACTION = "apiKey.revoke";

    /** Audit target type of keys. */
    public static final String TARGET_TYPE = "api_key";

    /** Shortest time between two last-use writes of one key. */
    public static final Duration LAST_USE_INTERVAL = Duration.ofSeconds(60);

    /** Farthest expiry accepted at creation. */
    public static final int MAX_EXPIRY_YEARS = 5;

    private static final String NOT_FOUND = "API key not found";

    private static final String LAST_USE_GATE = "api-key-used:";

    private final ApiKeyRepository keys;
    private final ApiKeyCache cache;
    private final ApiKeyRevocationChannel revocations;
    private final AuditSink audit;
    private final TransactionRunner transactions;
    private final WriteGate gate;
    private final Clock clock;
    private final ApiKeyHasher hasher;
    private final ApiKeyNamePolicy namePolicy = new ApiKeyNamePolicy();
    private final LastUseThrottle lastUse = new LastUseThrottle(LAST_USE_INTERVAL);
    private final SecureRandom random = new SecureRandom();
    /** Store lookups in progress, by key hash, so concurrent misses of one key share one. */
    private final ConcurrentMap<String, Lookup> lookups = new ConcurrentHashMap<>();

    public ApiKeyService(ApiKeyRepository keys, ApiKeyCache cache, ApiKeyRevocationChannel revocations,
            AuditSink audit, TransactionRunner transactions, WriteGate gate, Clock clock, ApiKeySettings settings) {
        this.keys = keys;
        this.cache = cache;
        this.revocations = revocations;
        this.audit = audit;
        this.transactions = transactions;
        this.gate = gate;
        this.clock = clock;
        this.hasher = new ApiKeyHasher(settings.pepper(), settings.previousPepper());
        revocations.subscribe(cache::evict);
    }

    /**
     * Creates a key and records {@code apiKey.create}.
     * @param access the caller's access (permission {@code apiKeys.create})
     * @param rawName the requested name, trimmed here; {@code null} when absent
     * @param expiresAt the requested expiry, or {@code null} for none
     * @param context the request, for the audit row
     * @return the key and its secret, shown once
     * @throws io.saaskit.core.shared.ForbiddenException without the permission
     * @throws ValidationException when the name ({@code name}) or the expiry ({@code expiresAt}) is refused
     */
    public CreatedApiKey create(OrgAccess access, @Nullable String rawName, @Nullable Instant expiresAt,
            RequestContext context) {
        access.require(Permission.API_KEYS_CREATE);
        Instant now = this.clock.instant();
        String name = (rawName != null) ? rawName.trim() : "";
        List<FieldError> errors = new ArrayList<>();
        this.namePolicy.check(name).ifPresent((message) -> errors.add(new FieldError("name", message)));
        checkExpiry(expiresAt, now).ifPresent((message) -> errors.add(new FieldError("expiresAt", message)));
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        String secret = ApiKeyFormat.generate(this.random);
        ApiKey key = ApiKey.create(new ApiKeyId(Ids.next(this.clock)), access.orgId(), name,
                ApiKeyFormat.displayPrefix(secret), this.hasher.hash(secret), this.hasher.pepperVersion(),
                access.userId(), now, expiresAt);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", key.name());
        metadata.put("prefix", key.prefix());
        this.transactions.run(() -> {
            this.keys.insert(access.orgId(), key);
            this.audit.record(access.orgId(), AuditEntry.of(access.orgId(), Actor.user(access.userId().value()),
                    CREATE_ACTION, TARGET_TYPE, key.id().toString(), metadata, context, now));
        });
        return new CreatedApiKey(key, secret);
    }

    /**
     * The organization's keys, newest first, revoked ones included.
     * @param access the caller's access (permission {@code apiKeys.read})
     * @return the keys
     */
    public List<ApiKey> list(OrgAccess access) {
        access.require(Permission.API_KEYS_READ);
        return this.keys.list(access.orgId());
    }

    /**
     * Revokes a key. The first revocation records {@code apiKey.revoke}, evicts the key from this instance's cache
     * and tells every other instance; revoking a revoked key changes nothing and records nothing.
     * @param access the caller's access (permission {@code apiKeys.revoke})
     * @param id the key
     * @param context the request, for the audit row
     * @return the revoked key, with its first revocation time
     * @throws NotFoundException "API key not found", also for another organization's key
     */
    public ApiKey revoke(OrgAccess access, ApiKeyId id, RequestContext context) {
        access.require(Permission.API_KEYS_REVOKE);
        OrgId orgId = access.orgId();
        Instant now = this.clock.instant();
        Revocation revocation = this.transactions.inTransaction(() -> {
            ApiKey key = this.keys.findById(orgId, id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
            if (key.isRevoked() || !this.keys.revoke(orgId, id, now)) {
                return new Revocation(this.keys.findById(orgId, id).orElse(key), false);
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", key.name());
            metadata.put("prefix", key.prefix());
            this.audit.record(orgId, AuditEntry.of(orgId, Actor.user(access.userId().value()), REVOKE_ACTION,
                    TARGET_TYPE, id.toString(), metadata, context, now));
            return new Revocation(key.revoke(now), true);
        });
        if (revocation.first()) {
            this.cache.evict(id);
            announce(id);
        }
        return revocation.key();
    }

    /**
     * Verifies a presented key (steps 1 to 4 of the API-key pipeline): present, well formed with a valid checksum
     * (no I/O), known, not revoked, not expired, and of the requested organization.
     * @param presented the Bearer value, or {@code null} when the request has none
     * @param requestedOrgId the {@code X-Org-Id} header, or {@code null} when absent or blank; a malformed or
     *                       foreign id refuses the key
     * @return the verified key, or why it was refused
     */
    public ApiKeyVerification verify(@Nullable String presented, @Nullable String requestedOrgId) {
        if (presented == null || presented.isEmpty()) {
            return new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.MISSING_API_KEY, null);
        }
        if (!ApiKeyFormat.isWellFormed(presented)) {
            return new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.MALFORMED_API_KEY,
                    ApiKeyFormat.loggablePrefix(presented));
        }
        String prefix = ApiKeyFormat.displayPrefix(presented);
        String hash = this.hasher.hash(presented);
        ApiKeyLookup lookup = this.cache.get(hash).orElseGet(() -> load(presented, hash));
        if (!(lookup instanceof ApiKeyLookup.Found found)) {
            return new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.INVALID_API_KEY, prefix);
        }
        ApiKey key = found.key();
        if (key.isRevoked()) {
            return new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.REVOKED_API_KEY, prefix);
        }
        if (key.isExpired(this.clock.instant()) || !isRequestedOrg(key.orgId(), requestedOrgId)) {
            return new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.INVALID_API_KEY, prefix);
        }
        return new ApiKeyVerification.Valid(key);
    }

    /**
     * Records a use of a verified key, at most once per {@link #LAST_USE_INTERVAL} per key: an in-process throttle
     * skips everything in between, the shared {@link WriteGate} lets one instance of the deployment through, and
     * the conditional write still refuses a second write within the interval should the gate's store have lost it.
     * @param key the verified key
     * @return true when a write was made
     * @throws io.saaskit.core.shared.ServiceUnavailableException when the gate's store cannot be reached
     */
    public boolean recordUse(ApiKey key) {
        Instant now = this.clock.instant();
        if (!this.lastUse.tryClaim(key.id(), now)
                || !this.gate.tryPass(LAST_USE_GATE + key.id(), LAST_USE_INTERVAL)) {
            return false;
        }
        return this.keys.markUsed(key.orgId(), key.id(), now, now.minus(LAST_USE_INTERVAL));
    }

    /**
     * The fingerprint of the current pepper, for a startup log line.
     * @return 8 hex characters
     */
    public String pepperVersion() {
        return this.hasher.pepperVersion();
    }

    /**
     * Looks a key up in the store once for all the requests that miss it in the cache at the same time (every
     * connection of a busy key does when its entry expires). A request joins a lookup only if no eviction happened
     * since it started, so a request made after a revocation never takes the answer of a lookup made before it.
     */
    private ApiKeyLookup load(String presented, String hash) {
        long generation = this.cache.generation();
        Lookup mine = new Lookup(generation, new CompletableFuture<>());
        Lookup running = this.lookups.putIfAbsent(hash, mine);
        if (running != null) {
            return (running.generation() == generation) ? running.join() : loadAlone(presented, hash, generation);
        }
        try {
            ApiKeyLookup lookup = loadAlone(presented, hash, generation);
            mine.answer().complete(lookup);
            return lookup;
        }
        catch (RuntimeException ex) {
            mine.answer().completeExceptionally(ex);
            throw ex;
        }
        finally {
            this.lookups.remove(hash, mine);
        }
    }

    private ApiKeyLookup loadAlone(String presented, String hash, long generation) {
        Optional<ApiKey> found = this.keys.findByHash(hash);
        if (found.isEmpty()) {
            found = this.hasher.previousHash(presented).flatMap(this.keys::findByHash)
                    .map((key) -> rehash(key, hash));
        }
        ApiKeyLookup lookup = found.<ApiKeyLookup>map(ApiKeyLookup.Found::new).orElse(ApiKeyLookup.UNKNOWN);
        this.cache.put(hash, lookup, generation);
        return lookup;
    }

    private ApiKey rehash(ApiKey key, String newHash) {
        this.keys.rehash(key.orgId(), key.id(), key.keyHash(), newHash, this.hasher.pepperVersion());
        return key.rehashed(newHash, this.hasher.pepperVersion());
    }

    private void announce(ApiKeyId id) {
        try {
            this.revocations.publish(id);
        }
        catch (RuntimeException ex) {
            // The revocation is committed and this instance's cache is evicted; other instances stop accepting
            // the key when their cache entry expires, so a failed announcement must not fail the revocation.
        }
    }

    private static Optional<String> checkExpiry(@Nullable Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return Optional.empty();
        }
        if (!expiresAt.isAfter(now)) {
            return Optional.of("Expiry must be in the future");
        }
        if (expiresAt.isAfter(now.atOffset(ZoneOffset.UTC).plusYears(MAX_EXPIRY_YEARS).toInstant())) {
            return Optional.of("Expiry must be at most " + MAX_EXPIRY_YEARS + " years ahead");
        }
        return Optional.empty();
    }

    private static boolean isRequestedOrg(OrgId keyOrg, @Nullable String requestedOrgId) {
        if (requestedOrgId == null || requestedOrgId.isBlank()) {
            return true;
        }
        return OrgId.parse(requestedOrgId.trim()).filter(keyOrg::equals).isPresent();
    }

    private record Revocation(ApiKey key, boolean first) {
    }

    /**
     * A store lookup in progress: the cache generation it started in and its answer.
     *
     * @param generation the cache's generation when the lookup started
     * @param answer completed with the lookup, or its failure
     */
    private record Lookup(long generation, CompletableFuture<ApiKeyLookup> answer) {

        /** Waits for the answer; a failure of the lookup is thrown as it was. */
        ApiKeyLookup join() {
            try {
                return this.answer.join();
            }
            catch (CompletionException ex) {
                if (ex.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw ex;
            }
        }
    }
}
