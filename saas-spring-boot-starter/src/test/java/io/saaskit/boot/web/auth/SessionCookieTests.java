package io.saaskit.boot.web.auth;

import java.time.Duration;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class SessionCookieTests {

    @Test
    void aDevelopmentCookieIsHttpOnlyLaxAndHostOnly() {
        SessionCookie cookie = new SessionCookie(false, null, "Lax", Duration.ofDays(7));

        assertThat(cookie.issue("tok.sig")).startsWith("sid=tok.sig;").contains("; Path=/").contains("; HttpOnly")
                .contains("; SameSite=Lax").contains("; Max-Age=604800").doesNotContain("Secure")
                .doesNotContain("Domain");
    }

    @Test
    void aProductionCookieIsSecureWithItsDomain() {
        SessionCookie cookie = new SessionCookie(true, " example.com ", "Lax", Duration.ofDays(7));

        assertThat(cookie.issue("tok.sig")).contains("; Secure").contains("; Domain=example.com");
        assertThat(cookie.secure()).isTrue();
    }

    @Test
    void clearingSendsTheSameAttributesWithMaxAgeZero() {
        SessionCookie cookie = new SessionCookie(true, "example.com", "Strict", Duration.ofDays(7));

        assertThat(cookie.clear()).startsWith("sid=;").contains("; Max-Age=0").contains("; Path=/")
                .contains("; HttpOnly").contains("; Secure").contains("; Domain=example.com")
                .contains("; SameSite=Strict");
    }

    @Test
    void readingIgnoresOtherAndEmptyCookies() {
        SessionCookie cookie = new SessionCookie(false, "", "Lax", Duration.ofDays(1));
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie("other", "x"), new Cookie("sid", ""), new Cookie("sid", "tok.sig"));

        assertThat(cookie.read(request)).contains("tok.sig");
        assertThat(cookie.read(new MockHttpServletRequest())).isEmpty();
        assertThat(cookie.issue("t")).doesNotContain("Domain");
    }
}
