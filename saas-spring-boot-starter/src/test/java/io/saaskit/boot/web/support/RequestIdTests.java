package io.saaskit.boot.web.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdTests {

    @Test
    void acceptableIdsAreKept() {
        assertThat(RequestId.resolve("abc-123")).isEqualTo("abc-123");
        assertThat(RequestId.resolve("A.b_c-9")).isEqualTo("A.b_c-9");
        assertThat(RequestId.resolve("x".repeat(128))).isEqualTo("x".repeat(128));
    }

    @Test
    void unacceptableIdsAreReplaced() {
        for (String incoming : new String[] { "", "x".repeat(129), "with space", "new\nline", "ünïcode", "a/b" }) {
            assertThat(RequestId.resolve(incoming)).as(incoming).matches("[0-9a-f]{24}");
        }
        assertThat(RequestId.resolve(null)).matches("[0-9a-f]{24}");
    }

    @Test
    void generatedIdsDiffer() {
        assertThat(RequestId.generate()).isNotEqualTo(RequestId.generate());
    }
}
