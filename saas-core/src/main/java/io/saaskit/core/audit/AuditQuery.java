package io.saaskit.core.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Which audit rows to read: every component is optional and they combine with AND.
 *
 * @param action an exact action, or a prefix when it ends in {@code *} ({@code auth.*} matches {@code auth.login})
 * @param actorUserId rows whose acting user is this one
 * @param targetType rows about this kind of record
 * @param from rows created at or after this time
 * @param to rows created before this time
 */
public record AuditQuery(@Nullable String action, @Nullable UUID actorUserId, @Nullable String targetType,
        @Nullable Instant from, @Nullable Instant to) {

    /** Every row. */
    public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null);

    public AuditQuery {
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
    }

    /**
     * Whether {@link #action()} is a prefix pattern.
     * @return true for {@code auth.*}
     */
    public boolean actionIsPrefix() {
        return this.action != null && this.action.endsWith("*");
    }

    /**
     * The action prefix without its {@code *}.
     * @return the prefix, or {@code null} when the action is absent or exact
     */
    public @Nullable String actionPrefix() {
        return actionIsPrefix() ? this.action.substring(0, this.action.length() - 1) : null;
    }

    /**
     * Whether a row matches, for stores that filter in memory.
     * @param entry the row
     * @return true when every present criterion holds
     */
    public boolean matches(AuditEntry entry) {
        if (this.action != null) {
            String prefix = actionPrefix();
            boolean actionMatches = (prefix != null) ? entry.action().startsWith(prefix)
                    : entry.action().equals(this.action);
            if (!actionMatches) {
                return false;
            }
        }
        if (this.actorUserId != null && !this.actorUserId.equals(entry.actor().userId())) {
            return false;
        }
        if (this.targetType != null && !this.targetType.equals(entry.targetType())) {
            return false;
        }
        if (this.from != null && entry.createdAt().isBefore(this.from)) {
            return false;
        }
        return this.to == null || entry.createdAt().isBefore(this.to);
    }

    /**
     * The filters that are present, by their query-parameter names, as recorded in export manifests and in the
     * {@code audit.exported} row.
     * @return the filters; values are strings
     */
    public Map<String, String> describe() {
        Map<String, String> filters = new LinkedHashMap<>();
        if (this.action != null) {
            filters.put("action", this.action);
        }
        if (this.actorUserId != null) {
            filters.put("actorUserId", this.actorUserId.toString());
        }
        if (this.targetType != null) {
            filters.put("targetType", this.targetType);
        }
        if (this.from != null) {
            filters.put("from", AuditHashes.timestamp(this.from));
        }
        if (this.to != null) {
            filters.put("to", AuditHashes.timestamp(this.to));
        }
        return filters;
    }
}
