package io.saaskit.core.provisioning;

import java.util.Objects;

import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.Membership;
import io.saaskit.core.membership.MembershipStatus;

/**
 * One member of an organization as a directory sees them: the membership (role, status, external id, version,
 * times), the login email (the SCIM {@code userName}) and the user's names.
 *
 * @param membership the membership
 * @param userName the user's email
 * @param profile the user's names
 */
public record DirectoryUser(Membership membership, EmailAddress userName, Profile profile) {

    public DirectoryUser {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(profile, "profile");
    }

    /**
     * The user's id, which is the SCIM resource id.
     * @return the id
     */
    public UserId id() {
        return this.membership.userId();
    }

    /**
     * Whether the membership is active (SCIM {@code active}).
     * @return true when active, false when suspended
     */
    public boolean active() {
        return this.membership.status() == MembershipStatus.ACTIVE;
    }
}
