package io.saaskit.core.identity;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether an email address may be used for an account: a plausible address of at most 254 characters
 * whose domain is not on the disposable list.
 */
public final class EmailPolicy {

    /** The disposable domains refused when none are configured. */
    public static final Set<String> DEFAULT_DISPOSABLE_DOMAINS =
            Set.of("mailinator.com", "10minutemail.com", "guerrillamail.com", "tempmail.com", "yopmail.com");

    private static final int MAX_LENGTH = 254;

    private static final Pattern ADDRESS = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    private final Set<String> disposableDomains;

    public EmailPolicy(Set<String> disposableDomains) {
        this.disposableDomains = Set.copyOf(disposableDomains);
    }

    /**
     * Checks a normalised address.
     * @param email the address
     * @return the reason it is refused, or empty when it is acceptable
     */
    public Optional<String> check(EmailAddress email) {
        String value = email.value();
        if (value.length() > MAX_LENGTH || !ADDRESS.matcher(value).matches()) {
            return Optional.of("Enter a valid email address");
        }
        if (this.disposableDomains.contains(email.domain())) {
            return Optional.of("Use a non-disposable email address");
        }
        return Optional.empty();
    }
}
