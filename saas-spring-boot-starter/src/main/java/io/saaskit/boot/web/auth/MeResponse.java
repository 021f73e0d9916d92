package io.saaskit.boot.web.auth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.saaskit.core.auth.AccountOverview;
import io.saaskit.core.membership.UserMembership;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@code GET /auth/me}: the user, the default organization and every organization the user can act in.
 *
 * @param user the user
 * @param orgId the earliest active membership's organization, or {@code null}
 * @param orgs the active memberships, earliest first
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MeResponse(User user, @Nullable String orgId, List<Org> orgs) {

    /**
     * Builds the body from the account overview.
     * @param overview the overview
     * @return the body
     */
    public static MeResponse of(AccountOverview overview) {
        List<Org> orgs = overview.organizations().stream().map(Org::of).toList();
        return new MeResponse(new User(overview.user().id().toString(), overview.user().email().value()),
                overview.defaultOrgId().map(Object::toString).orElse(null), orgs);
    }

    /**
     * The user.
     *
     * @param id the id
     * @param email the email
     */
    public record User(String id, String email) {
    }

    /**
     * One organization of the user.
     *
     * @param id the organization id
     * @param name its name
     * @param role the user's role there
     */
    public record Org(String id, String name, String role) {

        static Org of(UserMembership membership) {
            return new Org(membership.orgId().toString(), membership.orgName(), membership.role().name());
        }
    }
}
