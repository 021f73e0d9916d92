package io.saaskit.boot.password;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCrypt;

import static org.assertj.core.api.Assertions.assertThat;

class SpringSecurityPasswordHasherTests {

    private static final String PASSWORD = "Correct-Horse-7";

    /** Cheap Argon2id parameters, so the tests that are not about the cost run fast. */
    private static Argon2PasswordEncoder cheapArgon2() {
        return new Argon2PasswordEncoder(16, 32, 1, 1024, 1);
    }

    private static SpringSecurityPasswordHasher cheap(PasswordAlgorithm algorithm) {
        return new SpringSecurityPasswordHasher(algorithm, cheapArgon2(), 4);
    }

    @Test
    void newHashesAreArgon2idWithTheRecommendedParametersByDefault() {
        SpringSecurityPasswordHasher hasher = new SpringSecurityPasswordHasher(PasswordAlgorithm.ARGON2ID);

        String hash = hasher.hash(PASSWORD);

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.matches(PASSWORD, hash)).isTrue();
        assertThat(hasher.matches("Correct-Horse-8", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void newHashesAreBcryptWithCostTwelveWhenConfigured() {
        SpringSecurityPasswordHasher hasher = new SpringSecurityPasswordHasher(PasswordAlgorithm.BCRYPT);

        String hash = hasher.hash(PASSWORD);

        assertThat(hash).startsWith("$2a$12$");
        assertThat(hasher.matches(PASSWORD, hash)).isTrue();
        assertThat(hasher.matches("Correct-Horse-8", hash)).isFalse();
        assertThat(hasher.needsRehash(hash)).isFalse();
    }

    @Test
    void hashingTheSamePasswordTwiceGivesDifferentSaltedHashes() {
        SpringSecurityPasswordHasher argon2 = cheap(PasswordAlgorithm.ARGON2ID);
        SpringSecurityPasswordHasher bcrypt = cheap(PasswordAlgorithm.BCRYPT);

        assertThat(argon2.hash(PASSWORD)).isNotEqualTo(argon2.hash(PASSWORD));
        assertThat(bcrypt.hash(PASSWORD)).isNotEqualTo(bcrypt.hash(PASSWORD));
    }

    @Test
    void bothAlgorithmsAreVerifiedWhicheverIsConfigured() {
        String argon2Hash = cheap(PasswordAlgorithm.ARGON2ID).hash(PASSWORD);
        String bcryptHash = cheap(PasswordAlgorithm.BCRYPT).hash(PASSWORD);

        for (PasswordAlgorithm configured : PasswordAlgorithm.values()) {
            SpringSecurityPasswordHasher hasher = cheap(configured);
            assertThat(hasher.matches(PASSWORD, argon2Hash)).as("argon2id under %s", configured).isTrue();
            assertThat(hasher.matches(PASSWORD, bcryptHash)).as("bcrypt under %s", configured).isTrue();
            assertThat(hasher.matches("wrong", argon2Hash)).isFalse();
            assertThat(hasher.matches("wrong", bcryptHash)).isFalse();
        }
    }

    @Test
    void bcryptHashesOfEveryVersionPrefixAreVerified() {
        SpringSecurityPasswordHasher hasher = cheap(PasswordAlgorithm.ARGON2ID);
        for (String version : new String[] { "$2a", "$2b", "$2y" }) {
            String hash = BCrypt.hashpw(PASSWORD, BCrypt.gensalt(version, 4));

            assertThat(hash).startsWith(version + "$04$");
            assertThat(hasher.matches(PASSWORD, hash)).as(version).isTrue();
            assertThat(hasher.matches("wrong", hash)).as(version).isFalse();
        }
    }

    @Test
    void bcryptHashesMadeByOtherImplementationsAreVerified() {
        // Published test vectors: OpenBSD/jBCrypt ($2a$) and the PHP manual's password_verify example ($2y$).
        SpringSecurityPasswordHasher hasher = cheap(PasswordAlgorithm.ARGON2ID);

        assertThat(hasher.matches("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i")).isTrue();
        assertThat(hasher.matches("rasmuslerdorf", "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a"))
                .isTrue();
    }

    @Test
    void aHashOfTheOtherAlgorithmNeedsRehash() {
        String argon2Hash = cheap(PasswordAlgorithm.ARGON2ID).hash(PASSWORD);
        String bcryptHash = cheap(PasswordAlgorithm.BCRYPT).hash(PASSWORD);

        assertThat(cheap(PasswordAlgorithm.ARGON2ID).needsRehash(bcryptHash)).isTrue();
        assertThat(cheap(PasswordAlgorithm.BCRYPT).needsRehash(argon2Hash)).isTrue();
    }

    @Test
    void aHashWithWeakerParametersNeedsRehash() {
        String weakArgon2 = cheap(PasswordAlgorithm.ARGON2ID).hash(PASSWORD);
        String weakBcrypt = cheap(PasswordAlgorithm.BCRYPT).hash(PASSWORD);

        assertThat(new SpringSecurityPasswordHasher(PasswordAlgorithm.ARGON2ID).needsRehash(weakArgon2)).isTrue();
        assertThat(new SpringSecurityPasswordHasher(PasswordAlgorithm.BCRYPT).needsRehash(weakBcrypt)).isTrue();
        assertThat(cheap(PasswordAlgorithm.ARGON2ID).needsRehash(weakArgon2)).isFalse();
        assertThat(cheap(PasswordAlgorithm.BCRYPT).needsRehash(weakBcrypt)).isFalse();
    }

    @Test
    void unreadableHashesNeverMatchAndAlwaysNeedRehash() {
        SpringSecurityPasswordHasher hasher = cheap(PasswordAlgorithm.ARGON2ID);
        String[] unreadable = { "", "plain-text", "$argon2id$garbage", "$argon2i$v=19$m=1024,t=1,p=1$c2FsdA$aGFzaA",
                "$2a$garbage", "$2x$04$abcdefghijklmnopqrstuu", "$test$00$00" };

        for (String hash : unreadable) {
            assertThat(hasher.matches(PASSWORD, hash)).as(hash).isFalse();
            assertThat(hasher.needsRehash(hash)).as(hash).isTrue();
        }
    }

    @Test
    void bcryptHashesPasswordsLongerThanSeventyTwoBytesLikeEveryBcrypt() {
        SpringSecurityPasswordHasher hasher = cheap(PasswordAlgorithm.BCRYPT);
        String longPassword = "Aa1" + "é".repeat(60);

        String hash = hasher.hash(longPassword);

        assertThat(hasher.matches(longPassword, hash)).isTrue();
        assertThat(hasher.matches("Aa1" + "é".repeat(30), hash)).isFalse();
    }

    @Test
    void argon2idUsesTheWholePassword() {
        SpringSecurityPasswordHasher hasher = cheap(PasswordAlgorithm.ARGON2ID);
        String longPassword = "x".repeat(100) + "-A1";

        String hash = hasher.hash(longPassword);

        assertThat(hasher.matches(longPassword, hash)).isTrue();
        assertThat(hasher.matches("x".repeat(100) + "-A2", hash)).isFalse();
    }

    @Test
    void algorithmIsRecognisedFromTheHashPrefix() {
        assertThat(PasswordAlgorithm.of("$argon2id$v=19$m=1,t=1,p=1$x$y")).contains(PasswordAlgorithm.ARGON2ID);
        assertThat(PasswordAlgorithm.of("$2b$12$x")).contains(PasswordAlgorithm.BCRYPT);
        assertThat(PasswordAlgorithm.of("$argon2d$v=19$m=1,t=1,p=1$x$y")).isEmpty();
        assertThat(PasswordAlgorithm.of("$1$md5")).isEmpty();
    }

    @Test
    void toStringNamesTheAlgorithmOnly() {
        assertThat(cheap(PasswordAlgorithm.BCRYPT)).hasToString("SpringSecurityPasswordHasher[BCRYPT]");
    }
}
