package io.saaskit.core.identity;

import java.util.List;

import io.saaskit.core.shared.ConflictException;
import io.saaskit.core.shared.FieldError;

/**
 * Another account already uses this email address. Repositories raise it on a unique violation so that
 * concurrent registrations of one address resolve to one success and one conflict.
 */
public class EmailAlreadyRegisteredException extends ConflictException {

    private static final long serialVersionUID = 1L;

    public EmailAlreadyRegisteredException() {
        super("Email already registered", List.of(new FieldError("email", "Email already registered")));
    }
}
