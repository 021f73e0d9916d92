package io.saaskit.core.tenancy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The organization name rule: 2 to 60 characters of letters, digits, spaces and dashes (after trimming).
 */
public final class OrgNamePolicy {

    private static final Pattern ALLOWED = Pattern.compile("^[A-Za-z0-9 -]+$");

    /**
     * Checks a trimmed name.
     * @param name the name
     * @return the reason it is refused, or empty when it is acceptable
     */
    public Optional<String> check(String name) {
        if (name.length() < 2) {
            return Optional.of("Organization name must be at least 2 characters");
        }
        if (name.length() > 60) {
            return Optional.of("Organization name must be 60 characters or fewer");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("Organization name can only contain letters, numbers, spaces, and dashes");
        }
        return Optional.empty();
    }
}
