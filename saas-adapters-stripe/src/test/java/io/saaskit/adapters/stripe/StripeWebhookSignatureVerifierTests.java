package io.saaskit.adapters.stripe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.stripe.net.Webhook;
import io.saaskit.core.testing.StripePayloads;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StripeWebhookSignatureVerifierTests {

    private static final String SECRET = "whsec_test_current0123456789";

    private static final String OLD_SECRET = "whsec_test_previous0123456789";

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final StripeWebhookSignatureVerifier verifier = StripeWebhookSignatureVerifier.of(
            SECRET + "," + OLD_SECRET, Duration.ofSeconds(300));

    private final byte[] body = StripePayloads.otherEvent("customer.created", "evt_1SigTest", NOW)
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aHeaderSignedByStripeJavaIsAccepted() throws Exception {
        String header = Webhook.Signature.generateSignatureHeader(new String(this.body, StandardCharsets.UTF_8),
                SECRET, NOW.getEpochSecond());

        assertThat(header).isEqualTo(StripePayloads.signature(SECRET, NOW, this.body));
        assertThat(this.verifier.verify(this.body, header, NOW)).isTrue();
    }

    @Test
    void everyConfiguredSecretIsAcceptedForRotation() {
        assertThat(this.verifier.verify(this.body, StripePayloads.signature(OLD_SECRET, NOW, this.body), NOW))
                .isTrue();
    }

    @Test
    void anyMatchingV1AmongSeveralIsAccepted() {
        String header = "t=" + NOW.getEpochSecond() + ",v1=" + "0".repeat(64) + ",v0=abc,v1="
                + StripePayloads.hmac(SECRET, NOW.getEpochSecond(), this.body);

        assertThat(this.verifier.verify(this.body, header, NOW)).isTrue();
    }

    @Test
    void aTimestampWithinTheToleranceEitherWayIsAccepted() {
        assertThat(this.verifier.verify(this.body, StripePayloads.signature(SECRET, NOW.minusSeconds(299), this.body),
                NOW)).isTrue();
        assertThat(this.verifier.verify(this.body, StripePayloads.signature(SECRET, NOW.plusSeconds(300), this.body),
                NOW)).isTrue();
    }

    @Test
    void staleAndFarFutureTimestampsAreRefused() {
        assertThat(this.verifier.verify(this.body, StripePayloads.signature(SECRET, NOW.minusSeconds(301), this.body),
                NOW)).isFalse();
        assertThat(this.verifier.verify(this.body, StripePayloads.signature(SECRET, NOW.plusSeconds(301), this.body),
                NOW)).isFalse();
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        assertThat(this.verifier.verify(this.body, StripePayloads.signature("whsec_wrong", NOW, this.body), NOW))
                .isFalse();
    }

    @Test
    void aReserialisedBodyIsRefused() {
        String header = StripePayloads.signature(SECRET, NOW, this.body);
        byte[] compacted = new String(this.body, StandardCharsets.UTF_8).replaceAll("\\s+", "")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(this.verifier.verify(compacted, header, NOW)).isFalse();
    }

    @Test
    void malformedHeadersAreRefused() {
        String v1 = StripePayloads.hmac(SECRET, NOW.getEpochSecond(), this.body);
        for (String header : List.of("invalid", "t=" + NOW.getEpochSecond(), "v1=" + v1, "t=abc,v1=" + v1,
                "t=" + NOW.getEpochSecond() + ",v1=zz" + v1.substring(2), "t=" + NOW.getEpochSecond() + ",v0=" + v1,
                "t=-5,v1=" + v1, "")) {
            assertThat(this.verifier.verify(this.body, header, NOW)).as(header).isFalse();
        }
    }

    @Test
    void withoutSecretsNothingIsConfiguredOrAccepted() {
        StripeWebhookSignatureVerifier unconfigured = StripeWebhookSignatureVerifier.of(" , ", Duration.ofMinutes(5));

        assertThat(unconfigured.configured()).isFalse();
        assertThat(unconfigured.verify(this.body, StripePayloads.signature(SECRET, NOW, this.body), NOW)).isFalse();
        assertThat(this.verifier.configured()).isTrue();
        assertThat(this.verifier.toString()).doesNotContain(SECRET);
    }
}
