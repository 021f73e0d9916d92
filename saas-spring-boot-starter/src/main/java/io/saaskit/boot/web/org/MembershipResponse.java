package io.saaskit.boot.web.org;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.membership.Membership;

/**
 * A membership, as {@code POST /org/members} and {@code PATCH /org/members/:id} return it.
 *
 * @param id the membership id
 * @param orgId the organization
 * @param userId the user
 * @param role the role
 * @param status {@code active} or {@code suspended}
 * @param createdAt when it was created
 */
public record MembershipResponse(String id, String orgId, String userId, String role, String status,
        String createdAt) {

    /**
     * Builds the body.
     * @param membership the membership
     * @return the body
     */
    public static MembershipResponse of(Membership membership) {
        return new MembershipResponse(membership.id().toString(), membership.orgId().toString(),
                membership.userId().toString(), membership.role().name(), membership.status().value(),
                JsonTimestamps.format(membership.createdAt()));
    }
}
