package io.saaskit.core.identity;

import java.util.Locale;
import java.util.Objects;

/**
 * A normalised email address: trimmed and lowercased, so one person has one account whatever they type.
 *
 * <p>Construction only normalises; whether the address is acceptable is decided by {@link EmailPolicy}.
 *
 * @param value the normalised address
 */
public record EmailAddress(String value) {

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        value = normalise(value);
    }

    /**
     * Trims and lowercases raw input.
     * @param raw the input
     * @return the normalised form
     */
    public static String normalise(String raw) {
        return raw.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The part after the last {@code @}, or the empty string.
     * @return the domain
     */
    public String domain() {
        int at = this.value.lastIndexOf('@');
        return (at < 0) ? "" : this.value.substring(at + 1);
    }

    @Override
    public String toString() {
        return this.value;
    }
}
