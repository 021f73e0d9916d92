package io.saaskit.core.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.saaskit.core.shared.CanonicalJson;

import org.jspecify.annotations.Nullable;

/**
 * The audit hash chain's arithmetic: {@code hash = hex(SHA-256(prev_hash_hex || canonical))}, where
 * {@code canonical} is the RFC 8785 JSON of {@code {orgId, seq, createdAt, actorType, actorUserId, actorApiKeyId,
 * actorTokenId, action, targetType, targetId, metadata, requestId, ip, userAgent}}; absent values are {@code null},
 * ids lowercase strings, {@code createdAt} ISO-8601 UTC with milliseconds ({@code 2026-03-01T12:00:00.000Z}).
 *
 * <p>Anyone holding an export can recompute every hash with any RFC 8785 implementation; docs/audit.md shows how.
 * Because the stored time has millisecond precision, sinks {@link #normalise(AuditEntry) normalise} entries before
 * hashing, so what is hashed is exactly what is stored and read back.
 */
public final class AuditHashes {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AuditHashes() {
    }

    /**
     * The row's hash.
     * @param prevHash the previous row's hash (64 zeros for the first row)
     * @param seq the row's sequence number
     * @param entry the row, {@link #normalise(AuditEntry) normalised}
     * @return 64 lowercase hex characters
     */
    public static String hash(String prevHash, long seq, AuditEntry entry) {
        return CanonicalJson.sha256Hex(prevHash + canonical(seq, entry));
    }

    /**
     * The RFC 8785 text that is hashed for a row.
     * @param seq the row's sequence number
     * @param entry the row
     * @return the canonical JSON text
     */
    public static String canonical(long seq, AuditEntry entry) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("orgId", entry.orgId().value().toString());
        fields.put("seq", seq);
        fields.put("createdAt", timestamp(entry.createdAt()));
        fields.put("actorType", entry.actor().type().value());
        fields.put("actorUserId", text(entry.actor().userId()));
        fields.put("actorApiKeyId", text(entry.actor().apiKeyId()));
        fields.put("actorTokenId", text(entry.actor().tokenId()));
        fields.put("action", entry.action());
        fields.put("targetType", entry.targetType());
        fields.put("targetId", entry.targetId());
        fields.put("metadata", entry.metadata());
        fields.put("requestId", entry.requestId());
        fields.put("ip", entry.ip());
        fields.put("userAgent", entry.userAgent());
        return CanonicalJson.of(fields);
    }

    /**
     * The entry as a store keeps it: the time truncated to milliseconds and NUL characters (which PostgreSQL text
     * cannot hold) replaced by U+FFFD in every string, so the hash computed at write time recomputes from the
     * stored row.
     * @param entry the entry as recorded
     * @return the entry as stored
     */
    public static AuditEntry normalise(AuditEntry entry) {
        return new AuditEntry(entry.orgId(), entry.actor(), clean(entry.action()), cleanOrNull(entry.targetType()),
                cleanOrNull(entry.targetId()), cleanMap(entry.metadata()), cleanOrNull(entry.requestId()),
                cleanOrNull(entry.ip()), cleanOrNull(entry.userAgent()),
                entry.createdAt().truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * The timestamp layout used in the canonical text and the API.
     * @param instant the time
     * @return for example {@code 2026-03-01T12:00:00.000Z}
     */
    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    private static @Nullable String text(@Nullable UUID id) {
        return (id != null) ? id.toString() : null;
    }

    private static String clean(String value) {
        return value.replace('\u0000', '\uFFFD');
    }

    private static @Nullable String cleanOrNull(@Nullable String value) {
        return (value != null) ? clean(value) : null;
    }

    private static Map<String, @Nullable Object> cleanMap(Map<?, ?> map) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> copy.put(clean((String) name), cleanValue(value)));
        return copy;
    }

    private static @Nullable Object cleanValue(@Nullable Object value) {
        if (value instanceof String text) {
            return clean(text);
        }
        if (value instanceof Map<?, ?> map) {
            return cleanMap(map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(AuditHashes::cleanValue).toList();
        }
        return value;
    }
}
