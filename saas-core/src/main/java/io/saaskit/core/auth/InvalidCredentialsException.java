package io.saaskit.core.auth;

import io.saaskit.core.shared.UnauthorizedException;

/**
 * The email is unknown or the password is wrong. Both cases produce this same exception, after the same
 * hashing work, so a caller cannot tell which.
 */
public class InvalidCredentialsException extends UnauthorizedException {

    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException() {
        super("Invalid credentials");
    }
}
