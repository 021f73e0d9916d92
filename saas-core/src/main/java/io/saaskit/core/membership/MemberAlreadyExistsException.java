package io.saaskit.core.membership;

import io.saaskit.core.shared.ConflictException;

/**
 * The user already has a membership in this organization; raised on the unique (org, user) constraint so
 * concurrent adds resolve to one success and one conflict.
 */
public class MemberAlreadyExistsException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public MemberAlreadyExistsException() {
        super("User is already a member");
    }
}
