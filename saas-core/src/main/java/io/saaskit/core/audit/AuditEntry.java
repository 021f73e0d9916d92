package io.saaskit.core.audit;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * One audit row: who did what to which record in which organization, from where, and when.
 *
 * <p>{@code metadata} holds JSON values only (strings, numbers, booleans, {@code null}, lists and string-keyed maps
 * of those), checked here, so every sink can store it as JSON. Entries built with
 * {@link #of(OrgId, Actor, String, String, String, Map, RequestContext, Instant)} also copy the request id, client
 * address, user agent and acting API key into {@code metadata}, as the original product did. The row's id, sequence
 * number and hash are assigned by the {@link io.saaskit.core.audit.port.AuditSink}.
 *
 * @param orgId the organization the row belongs to
 * @param actor who acted
 * @param action what happened, for example {@code apiKey.create}
 * @param targetType the kind of record acted on, for example {@code api_key}
 * @param targetId the id of the record acted on
 * @param metadata details of the action, JSON values only; an unmodifiable copy
 * @param requestId the request id, if the action came from a request
 * @param ip the client address
 * @param userAgent the client's user agent
 * @param createdAt when the action happened
 */
public record AuditEntry(OrgId orgId, Actor actor, String action, @Nullable String targetType,
        @Nullable String targetId, Map<String, @Nullable Object> metadata, @Nullable String requestId,
        @Nullable String ip, @Nullable String userAgent, Instant createdAt) {

    /** Longest accepted action name. */
    public static final int MAX_ACTION_LENGTH = 100;

    /** Deepest accepted nesting of metadata values, a guard against cyclic or hostile structures. */
    private static final int MAX_DEPTH = 16;

    public AuditEntry {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(createdAt, "createdAt");
        if (action.isBlank() || action.length() > MAX_ACTION_LENGTH) {
            throw new IllegalArgumentException("An audit action is 1 to " + MAX_ACTION_LENGTH + " characters");
        }
        metadata = jsonObject(metadata, 0);
    }

    /**
     * An entry for an action taken during a request, with the request fields also copied into the metadata.
     * @param orgId the organization
     * @param actor who acted
     * @param action what happened
     * @param targetType the kind of record acted on, or {@code null}
     * @param targetId the record acted on, or {@code null}
     * @param metadata details of the action
     * @param context the request
     * @param createdAt when it happened
     * @return the entry
     */
    public static AuditEntry of(OrgId orgId, Actor actor, String action, @Nullable String targetType,
            @Nullable String targetId, Map<String, ?> metadata, RequestContext context, Instant createdAt) {
        Map<String, @Nullable Object> merged = new LinkedHashMap<>(metadata);
        putIfPresent(merged, "requestId", context.requestId());
        putIfPresent(merged, "ip", context.client().ip());
        putIfPresent(merged, "userAgent", context.client().userAgent());
        putIfPresent(merged, "actorApiKeyId", (actor.apiKeyId() != null) ? actor.apiKeyId().toString() : null);
        return new AuditEntry(orgId, actor, action, targetType, targetId, merged, context.requestId(),
                context.client().ip(), context.client().userAgent(), createdAt);
    }

    private static void putIfPresent(Map<String, @Nullable Object> metadata, String name, @Nullable String value) {
        if (value != null) {
            metadata.putIfAbsent(name, value);
        }
    }

    private static Map<String, @Nullable Object> jsonObject(Map<?, ?> map, int depth) {
        Map<String, @Nullable Object> copy = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (!(name instanceof String text)) {
                throw new IllegalArgumentException("Audit metadata keys must be strings");
            }
            copy.put(text, jsonValue(value, depth + 1));
        });
        return Collections.unmodifiableMap(copy);
    }

    private static @Nullable Object jsonValue(@Nullable Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("Audit metadata is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                throw new IllegalArgumentException("Audit metadata numbers must be finite");
            }
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            return jsonObject(map, depth);
        }
        if (value instanceof List<?> list) {
            List<@Nullable Object> copy = new ArrayList<>(list.size());
            for (Object element : list) {
                copy.add(jsonValue(element, depth + 1));
            }
            return Collections.unmodifiableList(copy);
        }
        throw new IllegalArgumentException("Audit metadata values must be JSON values, not "
                + value.getClass().getName());
    }
}
