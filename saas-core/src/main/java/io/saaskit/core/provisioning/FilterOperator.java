package io.saaskit.core.provisioning;

import java.util.Locale;
import java.util.Optional;

/**
 * The comparison operators of the SCIM filter grammar (RFC 7644 section 3.4.2.2); {@code pr} is
 * {@link UserFilter.Present}.
 */
public enum FilterOperator {

    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /**
     * Finds an operator by name, case-insensitively.
     * @param name for example {@code eq} or {@code EQ}
     * @return the operator, or empty
     */
    public static Optional<FilterOperator> find(String name) {
        for (FilterOperator operator : values()) {
            if (operator.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(operator);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether this operator orders values ({@code gt ge lt le}).
     * @return true for an ordering operator
     */
    public boolean isOrdering() {
        return this == GT || this == GE || this == LT || this == LE;
    }

    /**
     * Whether this operator matches substrings ({@code co sw ew}).
     * @return true for a substring operator
     */
    public boolean isSubstring() {
        return this == CO || this == SW || this == EW;
    }
}
