package io.saaskit.core.metering;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.tenancy.OrgId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsageEventCodecTests {

    private final OrgId org = new OrgId(UUID.randomUUID());

    @Test
    void aRouteEventComesBackEqual() {
        UUID id = UUID.randomUUID();
        UsageEvent event = new UsageEvent(id, this.org, "api_requests", 1, Instant.parse("2026-03-01T12:00:00.123456Z"),
                Instant.parse("2026-03-01T12:00:00.123457Z"), new ApiKeyId(UUID.randomUUID()), "auto:" + id, null,
                "req-1", null);

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void aClientEventWithEveryFieldComesBackEqual() {
        UsageEvent event = new UsageEvent(UUID.randomUUID(), this.org, "emails.sent", 42,
                Instant.parse("1969-12-31T23:59:59.999999Z"), Instant.parse("2026-03-01T00:00:00Z"), null,
                "client-key-ü", "ab".repeat(32), null, "{\"campaign\":\"spring ☀\"}");

        assertThat(roundTrip(event)).isEqualTo(event);
    }

    @Test
    void theAutomaticKeyIsNotWrittenOut() {
        UUID id = UUID.randomUUID();
        UsageEvent auto = new UsageEvent(id, this.org, "api_requests", 1, Instant.EPOCH, Instant.EPOCH, null,
                "auto:" + id, null, null, null);
        UsageEvent other = new UsageEvent(id, this.org, "api_requests", 1, Instant.EPOCH, Instant.EPOCH, null,
                "auto:" + UUID.randomUUID(), null, null, null);

        assertThat(UsageEventCodec.encode(auto).length).isLessThan(UsageEventCodec.encode(other).length);
        assertThat(roundTrip(other)).isEqualTo(other);
    }

    @Test
    void bytesThatAreNotAnEventAreRefused() {
        UsageEvent event = new UsageEvent(UUID.randomUUID(), this.org, "api_requests", 1, Instant.EPOCH,
                Instant.EPOCH, null, "k", null, null, null);
        byte[] bytes = UsageEventCodec.encode(event);

        assertThatIllegalArgumentException()
                .isThrownBy(() -> UsageEventCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        byte[] badLength = bytes.clone();
        ByteBuffer.wrap(badLength).putInt(16 + 16 + 8 + 8 + 8 + 1, 1 << 20);
        assertThatIllegalArgumentException().isThrownBy(() -> UsageEventCodec.decode(badLength));
    }

    private static UsageEvent roundTrip(UsageEvent event) {
        return UsageEventCodec.decode(UsageEventCodec.encode(event));
    }
}
