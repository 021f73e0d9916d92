package io.saaskit.boot.web.auth;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class PresentedTokenTests {

    private final SessionCookie cookie = new SessionCookie(false, null, "Lax", Duration.ofDays(7));

    @Test
    void theCookieWinsOverTheBearerHeader() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie("sid", "from.cookie"));
        request.addHeader("Authorization", "Bearer from.header");

        PresentedToken token = PresentedToken.of(request, this.cookie).orElseThrow();

        assertThat(token.value()).isEqualTo("from.cookie");
        assertThat(token.fromCookie()).isTrue();
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "bEaReR  tok.sig ");

        assertThat(PresentedToken.of(request, this.cookie)).map(PresentedToken::value).contains("tok.sig");
    }

    @Test
    void otherSchemesAndEmptyTokensAreNoToken() {
        for (String header : new String[] { "Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "Token x" }) {
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.addHeader("Authorization", header);
            assertThat(PresentedToken.of(request, this.cookie)).as(header).isEmpty();
        }
    }

    @Test
    void anApiKeyBearerIsRecognised() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer ak_abc");

        PresentedToken token = PresentedToken.of(request, this.cookie).orElseThrow();

        assertThat(token.isApiKey()).isTrue();
        assertThat(token.toString()).doesNotContain("ak_abc");
    }
}
