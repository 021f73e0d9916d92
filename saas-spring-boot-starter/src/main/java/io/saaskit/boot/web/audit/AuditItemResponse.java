package io.saaskit.boot.web.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditRecord;
import io.saaskit.boot.web.support.JsonTimestamps;
import org.jspecify.annotations.Nullable;

/**
 * One audit row as the API shows it: the original product's fields plus the chain fields. {@code actorTokenId} and
 * {@code prevHash} are included so that a client can recompute every hash offline (docs/audit.md).
 *
 * @param id the row id
 * @param orgId the organization
 * @param seq the row's number in the chain
 * @param createdAt when it happened
 * @param actorType {@code user}, {@code api_key}, {@code scim}, {@code system} or {@code admin}
 * @param actorUserId the acting user
 * @param actorApiKeyId the acting API key
 * @param actorTokenId the acting SCIM token
 * @param action what happened
 * @param targetType the kind of record acted on
 * @param targetId the record acted on
 * @param metadata details
 * @param requestId the request id
 * @param ip the client address
 * @param userAgent the client's user agent
 * @param prevHash the previous row's hash
 * @param hash this row's hash
 */
public record AuditItemResponse(String id, String orgId, long seq, String createdAt, String actorType,
        @Nullable String actorUserId, @Nullable String actorApiKeyId, @Nullable String actorTokenId, String action,
        @Nullable String targetType, @Nullable String targetId, Map<String, @Nullable Object> metadata,
        @Nullable String requestId, @Nullable String ip, @Nullable String userAgent, @Nullable String prevHash,
        @Nullable String hash) {

    /**
     * Builds the item.
     * @param row the stored row
     * @return the item
     */
    public static AuditItemResponse of(AuditRecord row) {
        AuditEntry entry = row.entry();
        return new AuditItemResponse(row.id().toString(), entry.orgId().toString(), row.seq(),
                JsonTimestamps.format(entry.createdAt()), entry.actor().type().value(), text(entry.actor().userId()),
                text(entry.actor().apiKeyId()), text(entry.actor().tokenId()), entry.action(), entry.targetType(),
                entry.targetId(), entry.metadata(), entry.requestId(), entry.ip(), entry.userAgent(), row.prevHash(),
                row.hash());
    }

    /**
     * The item as an ordered map, with a leading {@code type} member, as NDJSON exports write it.
     * @param type the value of {@code type}
     * @return the members
     */
    Map<String, @Nullable Object> withType(String type) {
        Map<String, @Nullable Object> members = new LinkedHashMap<>();
        members.put("type", type);
        members.put("id", this.id);
        members.put("orgId", this.orgId);
        members.put("seq", this.seq);
        members.put("createdAt", this.createdAt);
        members.put("actorType", this.actorType);
        members.put("actorUserId", this.actorUserId);
        members.put("actorApiKeyId", this.actorApiKeyId);
        members.put("actorTokenId", this.actorTokenId);
        members.put("action", this.action);
        members.put("targetType", this.targetType);
        members.put("targetId", this.targetId);
        members.put("metadata", this.metadata);
        members.put("requestId", this.requestId);
        members.put("ip", this.ip);
        members.put("userAgent", this.userAgent);
        members.put("prevHash", this.prevHash);
        members.put("hash", this.hash);
        return members;
    }

    private static @Nullable String text(@Nullable UUID id) {
        return (id != null) ? id.toString() : null;
    }
}
