package io.saaskit.core.membership;

import java.util.Locale;

/**
 * Whether a membership grants access. A suspended membership (for example by SCIM deprovisioning) counts as no
 * membership at all.
 */
public enum MembershipStatus {

    ACTIVE, SUSPENDED;

    /**
     * The status as stored and shown: lower case.
     * @return {@code active} or {@code suspended}
     */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a stored value.
     * @param value {@code active} or {@code suspended}
     * @return the status
     */
    public static MembershipStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
