package io.saaskit.core.apikey;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API key name rule, also used for SCIM token names: 1 to 50 characters of letters, digits, underscores and
 * dashes (after trimming).
 */
public final class ApiKeyNamePolicy {

    /** Longest accepted name. */
    public static final int MAX_LENGTH = 50;

    private static final Pattern ALLOWED = Pattern.compile("^[A-Za-z0-9_-]+$");

    /**
     * Checks a trimmed name.
     * @param name the name
     * @return the reason it is refused, or empty when it is acceptable
     */
    public Optional<String> check(String name) {
        if (name.isEmpty()) {
            return Optional.of("Name is required");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("Name must be " + MAX_LENGTH + " characters or fewer");
        }
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("Name can only contain letters, numbers, underscores, and dashes");
        }
        return Optional.empty();
    }
}
