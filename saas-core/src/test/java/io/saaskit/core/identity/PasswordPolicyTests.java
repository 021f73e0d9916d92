package io.saaskit.core.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"Str0ng!Passw0rd", "Aa1!Aa1!Aa", "Ünïcödé-Pässw0rd", "correct horse Battery 9"})
    void acceptablePasswordsPass(String password) {
        assertThat(this.policy.check(password)).isEmpty();
    }

    @Test
    void tenCharactersIsTheMinimum() {
        assertThat(this.policy.check("Aa1!Aa1!Aa")).isEmpty();
        assertThat(this.policy.check("Aa1!Aa1!A")).containsExactly("Password must be at least 10 characters");
    }

    @Test
    void oneHundredTwentyEightCharactersIsTheMaximum() {
        String max = "Aa1!" + "x".repeat(124);

        assertThat(this.policy.check(max)).isEmpty();
        assertThat(this.policy.check(max + "x")).containsExactly("Password must be 128 characters or fewer");
    }

    @Test
    void eachMissingCharacterClassHasItsOwnMessage() {
        assertThat(this.policy.check("lowercase1!")).containsExactly(
                "Password must include at least one uppercase letter");
        assertThat(this.policy.check("UPPERCASE1!")).containsExactly(
                "Password must include at least one lowercase letter");
        assertThat(this.policy.check("NoDigitsHere!")).containsExactly("Password must include at least one number");
        assertThat(this.policy.check("NoSymbols123")).containsExactly("Password must include at least one symbol");
    }

    @Test
    void everyFailingRuleIsListed() {
        assertThat(this.policy.check("")).containsExactly(
                "Password must be at least 10 characters",
                "Password must include at least one uppercase letter",
                "Password must include at least one lowercase letter",
                "Password must include at least one number",
                "Password must include at least one symbol");
    }

    @Test
    void spaceCountsAsASymbol() {
        assertThat(this.policy.check("Pass word 123")).isEmpty();
    }
}
