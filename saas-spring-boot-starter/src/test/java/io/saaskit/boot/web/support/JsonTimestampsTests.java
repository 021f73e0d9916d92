package io.saaskit.boot.web.support;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonTimestampsTests {

    @Test
    void instantsHaveExactlyThreeFractionDigitsAndZ() {
        assertThat(JsonTimestamps.format(Instant.parse("2026-03-01T12:00:00Z"))).isEqualTo("2026-03-01T12:00:00.000Z");
        assertThat(JsonTimestamps.format(Instant.parse("2026-03-01T12:00:00.123456789Z")))
                .isEqualTo("2026-03-01T12:00:00.123Z");
        assertThat(JsonTimestamps.formatNullable(null)).isNull();
    }
}
