package io.saaskit.boot.web.usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON Canonicalization Scheme (RFC 8785) of a parsed JSON value, and its SHA-256: converts the Jackson tree to
 * plain Java values and hands them to the core's {@link io.saaskit.core.shared.CanonicalJson}, the one
 * canonicaliser saaskit has (the audit hash chain uses it too).
 *
 * <p>Numbers are taken as the IEEE 754 double they denote; a number that overflows a double is refused.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * The canonical text of a value.
     * @param value the value
     * @return the RFC 8785 text
     * @throws IllegalArgumentException for a number that overflows a double
     */
    public static String of(JsonNode value) {
        return io.saaskit.core.shared.CanonicalJson.of(plain(value));
    }

    /**
     * The lowercase hex SHA-256 of the UTF-8 canonical text of a value.
     * @param value the value
     * @return 64 hex characters
     */
    public static String sha256(JsonNode value) {
        return io.saaskit.core.shared.CanonicalJson.sha256(plain(value));
    }

    private static @Nullable Object plain(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.doubleValue();
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isArray()) {
            List<@Nullable Object> list = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                list.add(plain(value.get(i)));
            }
            return list;
        }
        if (value.isObject()) {
            Map<String, @Nullable Object> map = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> member : value.properties()) {
                map.put(member.getKey(), plain(member.getValue()));
            }
            return map;
        }
        throw new IllegalArgumentException("Not a JSON value: " + value.getNodeType());
    }
}
