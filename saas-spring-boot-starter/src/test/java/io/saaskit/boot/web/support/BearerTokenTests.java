package io.saaskit.boot.web.support;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class BearerTokenTests {

    @Test
    void theSchemeIsCaseInsensitiveAndTheValueTrimmed() {
        assertThat(BearerToken.of(request("Bearer abc"))).contains("abc");
        assertThat(BearerToken.of(request("bEaReR  abc  "))).contains("abc");
    }

    @Test
    void otherSchemesMissingHeadersAndEmptyValuesCountAsNone() {
        assertThat(BearerToken.of(new MockHttpServletRequest())).isEmpty();
        assertThat(BearerToken.of(request("Basic abc"))).isEmpty();
        assertThat(BearerToken.of(request("Bearer"))).isEmpty();
        assertThat(BearerToken.of(request("Bearer    "))).isEmpty();
        assertThat(BearerToken.of(request("Bearerabc"))).isEmpty();
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", authorization);
        return request;
    }
}
