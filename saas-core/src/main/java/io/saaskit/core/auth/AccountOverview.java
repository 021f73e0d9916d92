package io.saaskit.core.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.saaskit.core.identity.User;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.tenancy.OrgId;

/**
 * The signed-in user and the organizations they can act in, as {@code GET /auth/me} shows.
 *
 * @param user the user
 * @param organizations active memberships, earliest first
 */
public record AccountOverview(User user, List<UserMembership> organizations) {

    public AccountOverview {
        Objects.requireNonNull(user, "user");
        organizations = List.copyOf(organizations);
    }

    /**
     * The default organization: the earliest active membership.
     * @return its id, or empty when the user belongs nowhere
     */
    public Optional<OrgId> defaultOrgId() {
        return this.organizations.stream().findFirst().map(UserMembership::orgId);
    }
}
