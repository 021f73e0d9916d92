package io.saaskit.core.identity;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class EmailPolicyTests {

    private final EmailPolicy policy = new EmailPolicy(EmailPolicy.DEFAULT_DISPOSABLE_DOMAINS);

    @ParameterizedTest
    @ValueSource(strings = {"user@example.com", "first.last+tag@sub.example.co.uk", "o'brien@example.ie",
            "x@a-b.io", "1234@123.example"})
    void plausibleAddressesPass(String address) {
        assertThat(this.policy.check(new EmailAddress(address))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "@example.com", "user@", "user@localhost", "user@@example.com",
            "user@exa mple.com", "user@-example.com", "user@example-.com", "user@example..com", "us er@example.com",
            "user@exam\nple.com"})
    void implausibleAddressesAreRefused(String address) {
        assertThat(this.policy.check(new EmailAddress(address))).contains("Enter a valid email address");
    }

    @Test
    void twoHundredFiftyFourCharactersIsTheMaximum() {
        String domain = "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + ".com";
        String atLimit = "l".repeat(254 - domain.length()) + domain;

        assertThat(atLimit).hasSize(254);
        assertThat(this.policy.check(new EmailAddress(atLimit))).isEmpty();
        assertThat(this.policy.check(new EmailAddress("l" + atLimit))).contains("Enter a valid email address");
    }

    @Test
    void defaultDisposableDomainsAreRefused() {
        for (String domain : Set.of("mailinator.com", "10minutemail.com", "guerrillamail.com", "tempmail.com",
                "yopmail.com")) {
            assertThat(this.policy.check(new EmailAddress("someone@" + domain)))
                    .as(domain).contains("Use a non-disposable email address");
        }
    }

    @Test
    void disposableCheckAppliesToTheNormalisedDomain() {
        assertThat(this.policy.check(new EmailAddress(" Someone@MAILINATOR.com ")))
                .contains("Use a non-disposable email address");
    }

    @Test
    void subdomainOfADisposableDomainIsNotOnTheList() {
        assertThat(this.policy.check(new EmailAddress("someone@eu.mailinator.com"))).isEmpty();
    }

    @Test
    void disposableListIsConfigurable() {
        EmailPolicy custom = new EmailPolicy(Set.of("throwaway.test"));

        assertThat(custom.check(new EmailAddress("a@throwaway.test"))).contains("Use a non-disposable email address");
        assertThat(custom.check(new EmailAddress("a@mailinator.com"))).isEmpty();
    }

    @Test
    void emailAddressIsTrimmedAndLowercased() {
        EmailAddress email = new EmailAddress("  User@Example.COM ");

        assertThat(email.value()).isEqualTo("user@example.com");
        assertThat(email).isEqualTo(new EmailAddress("user@example.com"));
        assertThat(email.domain()).isEqualTo("example.com");
        assertThat(email.toString()).isEqualTo("user@example.com");
    }

    @Test
    void domainOfAnAddressWithoutAtSignIsEmpty() {
        assertThat(new EmailAddress("plain").domain()).isEmpty();
    }
}
