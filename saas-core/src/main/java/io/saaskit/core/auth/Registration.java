package io.saaskit.core.auth;

import org.jspecify.annotations.Nullable;

/**
 * What a sign-up form sends. Fields may be missing; the service reports every problem at once.
 *
 * @param email the email, untrimmed
 * @param password the password, untrimmed
 * @param orgName the name of the organization to create
 */
public record Registration(@Nullable String email, @Nullable String password, @Nullable String orgName) {

    @Override
    public String toString() {
        return "Registration[email=" + this.email + ", password=<redacted>, orgName=" + this.orgName + "]";
    }
}
