package io.saaskit.core.provisioning;

import org.jspecify.annotations.Nullable;

/**
 * A user's names as an identity provider sends them. Names are optional and global to the user.
 *
 * @param givenName the given name
 * @param familyName the family name
 * @param displayName the name to display
 */
public record Profile(@Nullable String givenName, @Nullable String familyName, @Nullable String displayName) {

    /** No names at all. */
    public static final Profile EMPTY = new Profile(null, null, null);

    /** Longest accepted name. */
    public static final int MAX_LENGTH = 200;

    public Profile {
        givenName = clean(givenName);
        familyName = clean(familyName);
        displayName = clean(displayName);
    }

    /**
     * The full name, given name first, or {@code null} when neither part is known.
     * @return the formatted name
     */
    public @Nullable String formatted() {
        if (this.givenName == null) {
            return this.familyName;
        }
        return (this.familyName == null) ? this.givenName : this.givenName + " " + this.familyName;
    }

    /**
     * The same profile with another given name.
     * @param name the name, or {@code null}
     * @return the profile
     */
    public Profile withGivenName(@Nullable String name) {
        return new Profile(name, this.familyName, this.displayName);
    }

    /**
     * The same profile with another family name.
     * @param name the name, or {@code null}
     * @return the profile
     */
    public Profile withFamilyName(@Nullable String name) {
        return new Profile(this.givenName, name, this.displayName);
    }

    /**
     * The same profile with another display name.
     * @param name the name, or {@code null}
     * @return the profile
     */
    public Profile withDisplayName(@Nullable String name) {
        return new Profile(this.givenName, this.familyName, name);
    }

    private static @Nullable String clean(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_LENGTH) {
            throw new ProvisioningException(ProvisioningError.INVALID_VALUE,
                    "Names must be " + MAX_LENGTH + " characters or fewer");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}
