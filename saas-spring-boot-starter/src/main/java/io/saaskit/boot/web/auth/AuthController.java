package io.saaskit.boot.web.auth;

import java.util.List;

import io.saaskit.boot.web.org.TenantResolver;
import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.JsonBodyReader;
import io.saaskit.boot.web.support.JsonFields;
import io.saaskit.boot.web.support.OkResponse;
import io.saaskit.boot.web.support.RateLimitHeaders;
import io.saaskit.boot.web.support.ReceivedBody;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.auth.AuthService;
import io.saaskit.core.auth.Credentials;
import io.saaskit.core.auth.Registration;
import io.saaskit.core.auth.SignedIn;
import io.saaskit.core.ratelimit.AuthRateLimitService;
import io.saaskit.core.ratelimit.RateLimitDecision;
import io.saaskit.core.shared.ValidationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /auth} endpoints: register, login, logout, logout-all and me.
 *
 * <p>Register and login follow the documented order: the origin rule (a filter) first, then the rate limits, which
 * count every attempt including malformed ones, then body validation, then the service. Both always issue a new
 * session and end the one the request carried, so a session id can never be fixed by an attacker.
 */
@RestController
@RequestMapping("/auth")
public class AuthController {

    private final AuthService auth;

    private final AuthRateLimitService limits;

    private final SessionAuthenticator authenticator;

    private final SessionCookie cookie;

    private final JsonBodyReader bodies;

    private final ClientInfos clients;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param auth the auth flows
     * @param limits the auth rate limits
     * @param authenticator authenticates session routes
     * @param cookie the session cookie
     * @param bodies reads JSON bodies
     * @param clients resolves client addresses
     */
    public AuthController(AuthService auth, AuthRateLimitService limits, SessionAuthenticator authenticator,
            SessionCookie cookie, JsonBodyReader bodies, ClientInfos clients) {
        this.auth = auth;
        this.limits = limits;
        this.authenticator = authenticator;
        this.cookie = cookie;
        this.bodies = bodies;
        this.clients = clients;
        this.contexts = new RequestContexts(clients);
    }

    /**
     * Registers a user with a new organization and signs them in.
     * @param request the request
     * @param response the response
     * @return 201 with the ids and the session token, and the session cookie
     */
    @PostMapping("/register")
    public ResponseEntity<SessionResponse> register(HttpServletRequest request, HttpServletResponse response) {
        ReceivedBody body = this.bodies.read(request);
        applied(response, this.limits.checkRegister(this.clients.address(request)));
        JsonFields fields = body.requireObject();
        Registration registration = new Registration(fields.string("email"), fields.string("password"),
                fields.string("orgName"));
        SignedIn signedIn;
        try {
            signedIn = this.auth.register(registration, this.contexts.of(request),
                    this.authenticator.presentedToken(request).orElse(null));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
        return signedIn(HttpStatus.CREATED, signedIn);
    }

    /**
     * Signs a user in to their earliest organization.
     * @param request the request
     * @param response the response
     * @return 200 with the ids and the session token, and the session cookie
     */
    @PostMapping("/login")
    public ResponseEntity<SessionResponse> login(HttpServletRequest request, HttpServletResponse response) {
        ReceivedBody body = this.bodies.read(request);
        applied(response, this.limits.checkLogin(this.clients.address(request), body.peekString("email").orElse(null)));
        JsonFields fields = body.requireObject();
        Credentials credentials = new Credentials(fields.string("email"), fields.string("password"));
        SignedIn signedIn;
        try {
            signedIn = this.auth.login(credentials, this.contexts.of(request),
                    this.authenticator.presentedToken(request).orElse(null));
        }
        catch (ValidationException ex) {
            throw fields.merge(ex);
        }
        return signedIn(HttpStatus.OK, signedIn);
    }

    /**
     * Ends the request's session, if it has a valid one, and clears the cookie; never fails.
     * @param request the request
     * @return 200 {@code {"ok":true}}
     */
    @PostMapping("/logout")
    public ResponseEntity<OkResponse> logout(HttpServletRequest request) {
        this.auth.logout(this.authenticator.presentedToken(request).orElse(null),
                request.getHeader(TenantResolver.HEADER), this.contexts.of(request));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, this.cookie.clear()).body(OkResponse.OK);
    }

    /**
     * Ends every session of the signed-in user and clears the cookie.
     * @param session the caller's session
     * @param request the request
     * @return 200 {@code {"ok":true}}
     */
    @PostMapping("/logout-all")
    public ResponseEntity<OkResponse> logoutAll(AuthenticatedSession session, HttpServletRequest request) {
        this.auth.logoutEverywhere(session.userId(), this.contexts.of(request));
        return ResponseEntity.ok().header(HttpHeaders.SET_COOKIE, this.cookie.clear()).body(OkResponse.OK);
    }

    /**
     * The signed-in user and their organizations.
     * @param session the caller's session
     * @return 200 with the user, the default organization id and the organizations
     */
    @GetMapping("/me")
    public MeResponse me(AuthenticatedSession session) {
        return MeResponse.of(this.auth.overview(session.userId()));
    }

    private ResponseEntity<SessionResponse> signedIn(HttpStatus status, SignedIn signedIn) {
        String token = signedIn.session().token();
        return ResponseEntity.status(status)
                .header(HttpHeaders.SET_COOKIE, this.cookie.issue(token))
                .body(new SessionResponse(signedIn.userId().toString(), signedIn.orgId().toString(), token));
    }

    private static void applied(HttpServletResponse response, List<RateLimitDecision> decisions) {
        RateLimitHeaders.write(decisions, response);
    }
}
