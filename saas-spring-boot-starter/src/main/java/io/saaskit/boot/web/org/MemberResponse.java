package io.saaskit.boot.web.org;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.Membership;

/**
 * One entry of {@code GET /org/members}: the membership with the member's id and email.
 *
 * @param id the membership id
 * @param role the role
 * @param status {@code active} or {@code suspended}
 * @param user the member
 * @param createdAt when the membership was created
 */
public record MemberResponse(String id, String role, String status, User user, String createdAt) {

    /**
     * Builds the entry.
     * @param view the member
     * @return the entry
     */
    public static MemberResponse of(MemberView view) {
        Membership membership = view.membership();
        return new MemberResponse(membership.id().toString(), membership.role().name(),
                membership.status().value(), new User(membership.userId().toString(), view.email().value()),
                JsonTimestamps.format(membership.createdAt()));
    }

    /**
     * The member.
     *
     * @param id the user id
     * @param email the email
     */
    public record User(String id, String email) {
    }
}
