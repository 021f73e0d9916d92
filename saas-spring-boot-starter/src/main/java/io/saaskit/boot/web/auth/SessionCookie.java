package io.saaskit.boot.web.auth;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseCookie;

/**
 * The {@code sid} session cookie: {@code sid=<token>; Path=/; HttpOnly; SameSite=<Lax>; Max-Age=<TTL>}, plus
 * {@code Secure} and {@code Domain} as configured. HttpOnly keeps the token from scripts; the signed token itself
 * is what the session service checks.
 */
public final class SessionCookie {

    /** The cookie name. */
    public static final String NAME = "sid";

    private final boolean secure;

    private final @Nullable String domain;

    private final String sameSite;

    private final Duration maxAge;

    /**
     * Creates the cookie settings.
     * @param secure whether to add {@code Secure}
     * @param domain the {@code Domain} attribute, or {@code null} for a host-only cookie
     * @param sameSite the {@code SameSite} attribute
     * @param maxAge the lifetime, the session's absolute TTL
     */
    public SessionCookie(boolean secure, @Nullable String domain, String sameSite, Duration maxAge) {
        this.secure = secure;
        this.domain = (domain != null && !domain.isBlank()) ? domain.trim() : null;
        this.sameSite = sameSite;
        this.maxAge = maxAge;
    }

    /**
     * The {@code Set-Cookie} value that hands a session token to the browser.
     * @param token the signed session token
     * @return the header value
     */
    public String issue(String token) {
        return build(token, this.maxAge);
    }

    /**
     * The {@code Set-Cookie} value that removes the cookie: the same attributes with {@code Max-Age=0}.
     * @return the header value
     */
    public String clear() {
        return build("", Duration.ZERO);
    }

    /**
     * The cookie's value in a request; an empty value counts as absent.
     * @param request the request
     * @return the value, or empty
     */
    public Optional<String> read(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (NAME.equals(cookie.getName()) && cookie.getValue() != null && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the cookie is Secure, which also means the site is served over HTTPS.
     * @return true when Secure
     */
    public boolean secure() {
        return this.secure;
    }

    private String build(String value, Duration age) {
        ResponseCookie.ResponseCookieBuilder cookie = ResponseCookie.from(NAME, value)
                .path("/")
                .httpOnly(true)
                .secure(this.secure)
                .sameSite(this.sameSite)
                .maxAge(age);
        if (this.domain != null) {
            cookie.domain(this.domain);
        }
        return cookie.build().toString();
    }
}
