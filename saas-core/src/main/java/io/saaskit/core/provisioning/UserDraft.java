package io.saaskit.core.provisioning;

import java.util.Objects;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.membership.Role;

import org.jspecify.annotations.Nullable;

/**
 * The provisionable state of a user that a SCIM request asks for: what POST creates and what PUT and PATCH turn the
 * current state into.
 *
 * @param userName the login email
 * @param externalId the identity provider's id, or {@code null}
 * @param profile the names
 * @param active whether the membership is active
 * @param role the role, or {@code null} for the configured default role
 */
public record UserDraft(EmailAddress userName, @Nullable String externalId, Profile profile, boolean active,
        @Nullable Role role) {

    /** Longest accepted external id. */
    public static final int MAX_EXTERNAL_ID_LENGTH = 255;

    public UserDraft {
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(profile, "profile");
        if (externalId != null && (externalId.isEmpty() || externalId.length() > MAX_EXTERNAL_ID_LENGTH)) {
            throw new ProvisioningException(ProvisioningError.INVALID_VALUE,
                    "externalId must be 1 to " + MAX_EXTERNAL_ID_LENGTH + " characters");
        }
    }

    /**
     * The current state of a user, as the starting point of a change.
     * @param user the user
     * @return the draft
     */
    public static UserDraft of(DirectoryUser user) {
        return new UserDraft(user.userName(), user.membership().externalId().orElse(null), user.profile(),
                user.active(), user.membership().role());
    }

    /**
     * The same draft with another email.
     * @param email the email
     * @return the draft
     */
    public UserDraft withUserName(EmailAddress email) {
        return new UserDraft(email, this.externalId, this.profile, this.active, this.role);
    }

    /**
     * The same draft with another external id.
     * @param id the id, or {@code null}
     * @return the draft
     */
    public UserDraft withExternalId(@Nullable String id) {
        return new UserDraft(this.userName, id, this.profile, this.active, this.role);
    }

    /**
     * The same draft with other names.
     * @param names the names
     * @return the draft
     */
    public UserDraft withProfile(Profile names) {
        return new UserDraft(this.userName, this.externalId, names, this.active, this.role);
    }

    /**
     * The same draft, active or not.
     * @param isActive the status
     * @return the draft
     */
    public UserDraft withActive(boolean isActive) {
        return new UserDraft(this.userName, this.externalId, this.profile, isActive, this.role);
    }

    /**
     * The same draft with another role.
     * @param newRole the role, or {@code null} for the default role
     * @return the draft
     */
    public UserDraft withRole(@Nullable Role newRole) {
        return new UserDraft(this.userName, this.externalId, this.profile, this.active, newRole);
    }
}
