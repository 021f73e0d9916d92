package io.saaskit.boot.web.scim;

import io.saaskit.core.membership.Role;
import io.saaskit.core.provisioning.Profile;
import io.saaskit.core.provisioning.UserDraft;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Turns the body of {@code POST} and {@code PUT /Users} into a {@link UserDraft}: {@code userName},
 * {@code externalId}, {@code name.givenName}/{@code familyName}, {@code displayName}, {@code active} (absent means
 * true) and the primary role. {@code emails}, {@code id}, {@code meta}, unknown attributes and extensions are
 * ignored; {@code schemas} must list the core User schema.
 */
final class ScimUserReader {

    private ScimUserReader() {
    }

    /**
     * The requested state of a new user.
     * @param body the request body
     * @return the draft; its role is {@code null} when the body names none
     */
    static UserDraft create(JsonNode body) {
        ScimValues.requireSchema(body, ScimJson.USER_SCHEMA);
        return draft(body, null);
    }

    /**
     * The requested replacement of a user; an absent {@code roles} keeps the current role.
     * @param body the request body
     * @param current the current state
     * @return the draft
     */
    static UserDraft replace(JsonNode body, UserDraft current) {
        ScimValues.requireSchema(body, ScimJson.USER_SCHEMA);
        Role role = ScimValues.has(body, "roles") ? null : current.role();
        return draft(body, role);
    }

    private static UserDraft draft(JsonNode body, @Nullable Role absentRole) {
        JsonNode name = ScimValues.member(body, "name");
        if (name != null && !name.isObject()) {
            throw ScimValues.invalid("name must be an object");
        }
        Profile profile = new Profile(
                (name != null) ? ScimValues.string(ScimValues.member(name, "givenName"), "name.givenName") : null,
                (name != null) ? ScimValues.string(ScimValues.member(name, "familyName"), "name.familyName") : null,
                ScimValues.string(ScimValues.member(body, "displayName"), "displayName"));
        JsonNode active = ScimValues.member(body, "active");
        Role role = ScimValues.has(body, "roles") ? ScimValues.role(ScimValues.member(body, "roles")) : absentRole;
        return new UserDraft(ScimValues.userName(ScimValues.member(body, "userName")),
                ScimValues.string(ScimValues.member(body, "externalId"), "externalId"), profile,
                active == null || ScimValues.bool(active, "active"), role);
    }
}
