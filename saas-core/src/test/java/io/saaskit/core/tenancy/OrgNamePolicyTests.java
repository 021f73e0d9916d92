package io.saaskit.core.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrgNamePolicyTests {

    private static final String CHARACTERS =
            "Organization name can only contain letters, numbers, spaces, and dashes";

    private final OrgNamePolicy policy = new OrgNamePolicy();

    @ParameterizedTest
    @ValueSource(strings = {"Acme Inc", "AB", "x-ray 42", "Demo Org", "123"})
    void acceptableNamesPass(String name) {
        assertThat(this.policy.check(name)).isEmpty();
    }

    @Test
    void twoCharactersIsTheMinimum() {
        assertThat(this.policy.check("Ab")).isEmpty();
        assertThat(this.policy.check("A")).contains("Organization name must be at least 2 characters");
        assertThat(this.policy.check("")).contains("Organization name must be at least 2 characters");
    }

    @Test
    void sixtyCharactersIsTheMaximum() {
        assertThat(this.policy.check("a".repeat(60))).isEmpty();
        assertThat(this.policy.check("a".repeat(61))).contains("Organization name must be 60 characters or fewer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Acme_Inc", "Acme!", "Acme.Inc", "Ácme", "Acme\tInc", "Acme\u0000", "<script>"})
    void otherCharactersAreRefused(String name) {
        assertThat(this.policy.check(name)).contains(CHARACTERS);
    }
}
