package io.saaskit.boot.web.scim;

import java.util.Locale;
import java.util.Map;

import io.saaskit.boot.web.support.PlainText;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.membership.Role;
import io.saaskit.core.provisioning.ProvisioningError;
import io.saaskit.core.provisioning.ProvisioningException;
import io.saaskit.core.provisioning.RoleValue;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads SCIM JSON values the way identity providers send them: attribute names in any case, booleans also as the
 * strings {@code "True"}/{@code "false"} (Entra), roles as objects or plain strings. Every type error is a
 * {@link ProvisioningException} of type {@code invalidValue} (or {@code invalidSyntax} for a malformed message).
 */
final class ScimValues {

    private ScimValues() {
    }

    /**
     * A member of an object, matched case-insensitively (RFC 7643 section 2.1).
     * @param object the object
     * @param name the member name
     * @return the value, or {@code null} when absent or JSON {@code null}
     */
    static @Nullable JsonNode member(JsonNode object, String name) {
        if (!object.isObject()) {
            return null;
        }
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                JsonNode value = entry.getValue();
                return (value == null || value.isNull()) ? null : value;
            }
        }
        return null;
    }

    /**
     * Whether the object has the member, even with a {@code null} value.
     * @param object the object
     * @param name the member name
     * @return true when present
     */
    static boolean has(JsonNode object, String name) {
        for (Map.Entry<String, JsonNode> entry : object.properties()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A string value that may be kept: valid Unicode without control characters ({@link PlainText}).
     * @param value the value, or {@code null}
     * @param attribute the attribute name for the error detail
     * @return the string, or {@code null} when {@code value} is
     */
    static @Nullable String string(@Nullable JsonNode value, String attribute) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw invalid(attribute + " must be a string");
        }
        String text = value.stringValue();
        String violation = PlainText.violation(text);
        if (violation != null) {
            throw invalid(attribute + ": " + violation);
        }
        return text;
    }

    /**
     * A boolean, also accepted as the string {@code true} or {@code false} in any case.
     * @param value the value
     * @param attribute the attribute name for the error detail
     * @return the boolean
     */
    static boolean bool(@Nullable JsonNode value, String attribute) {
        if (value != null && value.isBoolean()) {
            return value.booleanValue();
        }
        if (value != null && value.isString()) {
            String text = value.stringValue().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return text.equals("true");
            }
        }
        throw invalid(attribute + " must be true or false");
    }

    /**
     * The login email a {@code userName} names.
     * @param value the value
     * @return the normalised email
     */
    static EmailAddress userName(@Nullable JsonNode value) {
        String text = string(value, "userName");
        if (text == null || text.isBlank()) {
            throw invalid("userName is required");
        }
        return new EmailAddress(text);
    }

    /**
     * The role a {@code roles} value names: the primary entry, else the first; entries are objects with a
     * {@code value} or plain strings. A single object is accepted as a one-entry array.
     * @param value the {@code roles} value
     * @return the role, or {@code null} when there is no entry (the default role applies)
     */
    static @Nullable Role role(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject() || value.isString()) {
            return roleOf(value);
        }
        if (!value.isArray()) {
            throw invalid("roles must be an array");
        }
        JsonNode chosen = null;
        for (JsonNode entry : value) {
            JsonNode primary = entry.isObject() ? member(entry, "primary") : null;
            if (primary != null && bool(primary, "roles.primary")) {
                chosen = entry;
                break;
            }
            if (chosen == null) {
                chosen = entry;
            }
        }
        return (chosen != null) ? roleOf(chosen) : null;
    }

    private static Role roleOf(JsonNode entry) {
        JsonNode value = entry.isObject() ? member(entry, "value") : entry;
        String name = string(value, "roles.value");
        if (name == null) {
            throw invalid("roles.value is required");
        }
        return RoleValue.parse(name);
    }

    static ProvisioningException invalid(String detail) {
        return new ProvisioningException(ProvisioningError.INVALID_VALUE, detail);
    }

    static ProvisioningException syntax(String detail) {
        return new ProvisioningException(ProvisioningError.INVALID_SYNTAX, detail);
    }

    /**
     * Refuses a message whose {@code schemas} does not list the expected schema.
     * @param body the message
     * @param schema the schema it must list
     */
    static void requireSchema(JsonNode body, String schema) {
        JsonNode schemas = member(body, "schemas");
        if (schemas != null && schemas.isArray()) {
            for (JsonNode entry : schemas) {
                if (entry.isString() && entry.stringValue().equalsIgnoreCase(schema)) {
                    return;
                }
            }
        }
        throw syntax("schemas must include " + schema);
    }
}
