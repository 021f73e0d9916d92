package io.saaskit.boot.web.auth;

import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.RateLimitHeaders;
import io.saaskit.boot.web.support.ReceivedBody;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.auth.AuthService;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.IssuedSession;
import io.saaskit.core.ratelimit.AuthRateLimitService;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /auth/password}: the signed-in user changes their password.
 *
 * <p>The order is the documented one for credential checks: the origin rule (a filter, since the route is
 * cookie-authenticated), the session, then the {@code auth_login_identifier} limit keyed on the user's email, which
 * counts every attempt, malformed ones included, and shares its budget with login so the form cannot be used to
 * guess a password faster than login allows; then body validation and the change itself. Every session of the
 * user ends and the caller gets a new token in the body and the cookie.
 */
@RestController
public class PasswordController {

    private final AuthService auth;

    private final AuthRateLimitService limits;

    private final SessionCookie cookie;

    private final JsonBodyReader bodies;

    private final ClientInfos clients;

    /**
     * Creates the controller.
     * @param auth changes the password
     * @param limits the auth rate limits
     * @param cookie the session cookie
     * @param bodies reads JSON bodies
     * @param clients resolves client addresses for the new session
     */
    public PasswordController(AuthService auth, AuthRateLimitService limits, SessionCookie cookie,
            JsonBodyReader bodies, ClientInfos clients) {
        this.auth = auth;
        this.limits = limits;
        this.cookie = cookie;
        this.bodies = bodies;
        this.clients = clients;
    }

    /**
     * Changes the caller's password, ends all the caller's sessions and starts a new one.
     * @param session the caller's session
     * @param request the request
     * @param response the response, for the rate-limit headers
     * @return 200 {@code {"ok":true,"sessionToken":...}} and the new session cookie
     */
    @PostMapping("/auth/password")
    public ResponseEntity<PasswordChangedResponse> changePassword(AuthenticatedSession session,
            HttpServletRequest request, HttpServletResponse response) {
        ReceivedBody body = this.bodies.read(request);
        EmailAddress email = this.auth.overview(session.userId()).user().email();
        RateLimitHeaders.write(this.limits.checkPasswordChange(email), response);
        JsonFields fields = body.requireObject();
        String currentPassword = fields.string("currentPassword");
        String newPassword = fields.string("newPassword");
        IssuedSession issued;
        try {
            issued = this.auth.changePassword(session.userId(), session.token().value(), currentPassword,
                    newPassword, new RequestContexts(this.clients).of(request));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, this.cookie.issue(issued.token()))
                .body(PasswordChangedResponse.of(issued.token()));
    }
}
