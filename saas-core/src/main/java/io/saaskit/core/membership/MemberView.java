package io.saaskit.core.membership;

import java.util.Objects;

import io.saaskit.core.identity.EmailAddress;

/**
 * A membership with the member's email, as listed by {@code GET /org/members}.
 *
 * @param membership the membership
 * @param email the member's email
 */
public record MemberView(Membership membership, EmailAddress email) {

    public MemberView {
        Objects.requireNonNull(membership, "membership");
        Objects.requireNonNull(email, "email");
    }
}
