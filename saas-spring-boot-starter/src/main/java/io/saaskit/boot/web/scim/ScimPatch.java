package io.saaskit.boot.web.scim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.saaskit.core.provisioning.AttributePath;
import io.saaskit.core.provisioning.DirectoryUser;
import io.saaskit.core.provisioning.ProvisioningError;
import io.saaskit.core.provisioning.ProvisioningException;
import io.saaskit.core.provisioning.RoleValue;
import io.saaskit.core.provisioning.UserDraft;
import io.saaskit.core.provisioning.UserFilter;
import io.saaskit.core.provisioning.UserFilterParser;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A SCIM PATCH request (RFC 7644 section 3.5.2) applied to a user's provisionable state.
 *
 * <p>Read leniently, as identity providers send it: {@code op} in any case ({@code Replace}), member names in any
 * case, a path-less {@code add}/{@code replace} whose value object lists attributes (Okta's
 * {@code {"active":false}}, also with dotted names), booleans as strings ({@code "False"}), value-path filters on
 * {@code emails} and {@code roles}. {@code add} on a single-valued attribute behaves like {@code replace}. Unknown
 * attributes and extension attributes are ignored; {@code id} and {@code meta} are immutable.
 */
final class ScimPatch {

    private static final String CORE_PREFIX = ScimJson.USER_SCHEMA.toLowerCase(Locale.ROOT) + ":";

    private final List<Operation> operations;

    private ScimPatch(List<Operation> operations) {
        this.operations = operations;
    }

    /**
     * Reads a PatchOp message.
     * @param body the request body
     * @return the patch
     * @throws ProvisioningException {@code invalidSyntax} for a malformed message, {@code invalidPath} for a bad path
     */
    static ScimPatch read(JsonNode body) {
        ScimValues.requireSchema(body, ScimJson.PATCH_SCHEMA);
        JsonNode operations = ScimValues.member(body, "Operations");
        if (operations == null || !operations.isArray() || operations.isEmpty()) {
            throw ScimValues.syntax("Operations must be a non-empty array");
        }
        List<Operation> read = new ArrayList<>();
        for (JsonNode operation : operations) {
            if (!operation.isObject()) {
                throw ScimValues.syntax("Each operation must be an object");
            }
            JsonNode opNode = ScimValues.member(operation, "op");
            String op = (opNode != null && opNode.isString()) ? opNode.stringValue().trim().toLowerCase(Locale.ROOT)
                    : "";
            if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
                throw ScimValues.syntax("op must be add, replace or remove");
            }
            JsonNode pathNode = ScimValues.member(operation, "path");
            if (pathNode != null && !pathNode.isString()) {
                throw new ProvisioningException(ProvisioningError.INVALID_PATH, "path must be a string");
            }
            String path = (pathNode != null) ? pathNode.stringValue().trim() : null;
            JsonNode value = ScimValues.member(operation, "value");
            if (path == null || path.isEmpty()) {
                if (op.equals("remove")) {
                    throw new ProvisioningException(ProvisioningError.NO_TARGET, "remove requires a path");
                }
                if (value == null || !value.isObject()) {
                    throw ScimValues.invalid("An operation without a path needs an object value");
                }
                for (Map.Entry<String, JsonNode> member : value.properties()) {
                    addOperation(read, op, member.getKey(), member.getValue());
                }
            }
            else {
                if (!op.equals("remove") && value == null) {
                    throw ScimValues.invalid(op + " requires a value");
                }
                addOperation(read, op, path, value);
            }
        }
        return new ScimPatch(List.copyOf(read));
    }

    private static void addOperation(List<Operation> operations, String op, String path, @Nullable JsonNode value) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.startsWith("urn:") && !lower.startsWith(CORE_PREFIX)) {
            return;
        }
        operations.add(new Operation(op.equals("remove"), UserFilterParser.parsePath(path), value));
    }

    /**
     * Applies every operation in order.
     * @param current the user as stored
     * @return the requested state
     */
    UserDraft apply(DirectoryUser current) {
        UserDraft draft = UserDraft.of(current);
        for (Operation operation : this.operations) {
            draft = operation.apply(draft, current);
        }
        return draft;
    }

    /** One operation on one path; {@code remove} or set (add and replace). */
    private record Operation(boolean remove, AttributePath path, @Nullable JsonNode value) {

        UserDraft apply(UserDraft draft, DirectoryUser current) {
            UserFilter filter = this.path.valueFilter();
            if (filter != null && !filter.matches(current)) {
                throw new ProvisioningException(ProvisioningError.NO_TARGET,
                        "No value matches the filter of " + this.path.attribute());
            }
            String sub = this.path.subAttribute();
            return switch (this.path.attribute()) {
                case "id", "meta" -> throw new ProvisioningException(ProvisioningError.MUTABILITY,
                        this.path.attribute() + " cannot be changed");
                case "username" -> {
                    if (this.remove) {
                        throw new ProvisioningException(ProvisioningError.MUTABILITY, "userName cannot be removed");
                    }
                    yield draft.withUserName(ScimValues.userName(this.value));
                }
                case "externalid" -> draft.withExternalId(this.remove ? null
                        : ScimValues.string(this.value, "externalId"));
                case "displayname" -> draft.withProfile(draft.profile().withDisplayName(this.remove ? null
                        : ScimValues.string(this.value, "displayName")));
                case "name" -> name(draft, sub);
                case "active" -> {
                    if (this.remove) {
                        throw new ProvisioningException(ProvisioningError.MUTABILITY, "active cannot be removed");
                    }
                    yield draft.withActive(ScimValues.bool(this.value, "active"));
                }
                case "roles" -> roles(draft, sub);
                case "emails" -> emails(draft, sub);
                default -> draft;
            };
        }

        private UserDraft name(UserDraft draft, @Nullable String sub) {
            if (sub == null) {
                if (this.remove) {
                    return draft.withProfile(draft.profile().withGivenName(null).withFamilyName(null));
                }
                JsonNode name = this.value;
                if (name == null || !name.isObject()) {
                    throw ScimValues.invalid("name must be an object");
                }
                UserDraft changed = draft;
                if (ScimValues.has(name, "givenName")) {
                    changed = changed.withProfile(changed.profile().withGivenName(
                            ScimValues.string(ScimValues.member(name, "givenName"), "name.givenName")));
                }
                if (ScimValues.has(name, "familyName")) {
                    changed = changed.withProfile(changed.profile().withFamilyName(
                            ScimValues.string(ScimValues.member(name, "familyName"), "name.familyName")));
                }
                return changed;
            }
            String text = this.remove ? null : ScimValues.string(this.value, "name." + sub);
            return switch (sub) {
                case "givenname" -> draft.withProfile(draft.profile().withGivenName(text));
                case "familyname" -> draft.withProfile(draft.profile().withFamilyName(text));
                default -> draft;
            };
        }

        private UserDraft roles(UserDraft draft, @Nullable String sub) {
            if (this.remove) {
                return (sub == null || sub.equals("value")) ? draft.withRole(null) : draft;
            }
            if (sub == null) {
                return draft.withRole(ScimValues.role(this.value));
            }
            if (sub.equals("value")) {
                String name = ScimValues.string(this.value, "roles.value");
                if (name == null) {
                    throw ScimValues.invalid("roles.value is required");
                }
                return draft.withRole(RoleValue.parse(name));
            }
            return draft;
        }

        private UserDraft emails(UserDraft draft, @Nullable String sub) {
            if (!"value".equals(sub)) {
                // emails are rendered from userName; other email data is ignored
                return draft;
            }
            if (this.remove) {
                throw new ProvisioningException(ProvisioningError.MUTABILITY,
                        "The login email cannot be removed");
            }
            return draft.withUserName(ScimValues.userName(this.value));
        }
    }
}
