package io.saaskit.core.auth;

import org.jspecify.annotations.Nullable;

/**
 * What a sign-in form sends.
 *
 * @param email the email, untrimmed
 * @param password the password, untrimmed
 */
public record Credentials(@Nullable String email, @Nullable String password) {

    @Override
    public String toString() {
        return "Credentials[email=" + this.email + ", password=<redacted>]";
    }
}
