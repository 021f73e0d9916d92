package io.saaskit.core.apikey;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyHasherTests {

    private static final String KEY = "ak_0123456789ABCDEFGHIJKLMNOPQRSTUV1ggZdL";

    @Test
    void hashIsTheHexHmacSha256OfTheKeyUnderThePepper() {
        // RFC 4231 test case 2
        ApiKeyHasher hasher = new ApiKeyHasher("Jefe", null);

        assertThat(hasher.hash("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void hashDependsOnThePepperAndNeverContainsTheKey() {
        String one = new ApiKeyHasher("pepper-one-0123456789", null).hash(KEY);
        String two = new ApiKeyHasher("pepper-two-0123456789", null).hash(KEY);

        assertThat(one).hasSize(64).matches("[0-9a-f]{64}").isNotEqualTo(two).doesNotContain(KEY.substring(3));
    }

    @Test
    void hashIsStableAcrossCallsAndThreads() throws InterruptedException {
        ApiKeyHasher hasher = new ApiKeyHasher("pepper-one-0123456789", null);
        String expected = hasher.hash(KEY);
        String[] fromThread = new String[1];
        Thread thread = new Thread(() -> fromThread[0] = hasher.hash(KEY));
        thread.start();
        thread.join();

        assertThat(hasher.hash(KEY)).isEqualTo(expected);
        assertThat(fromThread[0]).isEqualTo(expected);
    }

    @Test
    void previousHashUsesThePreviousPepperWhenConfigured() {
        ApiKeyHasher rotated = new ApiKeyHasher("pepper-new-0123456789", "pepper-old-0123456789");
        ApiKeyHasher old = new ApiKeyHasher("pepper-old-0123456789", null);

        assertThat(rotated.previousHash(KEY)).contains(old.hash(KEY));
        assertThat(old.previousHash(KEY)).isEmpty();
        assertThat(new ApiKeyHasher("pepper-new-0123456789", "").previousHash(KEY)).isEmpty();
    }

    @Test
    void pepperVersionIsAStableFingerprintOfTheCurrentPepper() {
        ApiKeyHasher one = new ApiKeyHasher("pepper-one-0123456789", null);

        assertThat(one.pepperVersion()).matches("[0-9a-f]{8}")
                .isEqualTo(new ApiKeyHasher("pepper-one-0123456789", "anything-else-0123").pepperVersion())
                .isNotEqualTo(new ApiKeyHasher("pepper-two-0123456789", null).pepperVersion());
        assertThat(one.toString()).doesNotContain("pepper-one");
    }

    @Test
    void emptyPepperIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeyHasher("", null));
    }
}
