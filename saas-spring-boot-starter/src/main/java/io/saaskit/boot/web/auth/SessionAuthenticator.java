package io.saaskit.boot.web.auth;

import java.util.Optional;

import io.saaskit.boot.web.support.MdcKeys;
import io.saaskit.core.identity.SessionCheck;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.shared.UnauthorizedException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Authenticates session routes (auth S).
 *
 * <p>No token is 401 "Missing session"; an API key, a bad signature, an unknown, idle-expired or absolutely
 * expired session is 401 "Invalid session". Every check goes through {@link SessionService#check}, which applies
 * the full expiry rules and the sliding refresh. Failures are logged as "Auth failed" with a reason, never the
 * token. The outcome is kept for the rest of the request, so the session is checked once.
 */
public final class SessionAuthenticator {

    private static final String ATTRIBUTE = SessionAuthenticator.class.getName() + ".session";

    private static final Logger logger = LoggerFactory.getLogger(SessionAuthenticator.class);

    private final SessionService sessions;

    private final SessionCookie cookie;

    /**
     * Creates the authenticator.
     * @param sessions checks tokens
     * @param cookie reads the session cookie
     */
    public SessionAuthenticator(SessionService sessions, SessionCookie cookie) {
        this.sessions = sessions;
        this.cookie = cookie;
    }

    /**
     * Authenticates a request.
     * @param request the request
     * @return the session
     * @throws UnauthorizedException "Missing session" or "Invalid session"
     */
    public AuthenticatedSession authenticate(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof AuthenticatedSession session) {
            return session;
        }
        Optional<PresentedToken> token = PresentedToken.of(request, this.cookie);
        if (token.isEmpty()) {
            throw failed("missing_session", "Missing session");
        }
        if (token.get().isApiKey()) {
            throw failed("invalid_session", "Invalid session");
        }
        SessionCheck check = this.sessions.check(token.get().value());
        if (check instanceof SessionCheck.Rejected rejected) {
            throw failed(rejected.reason().logValue(), "Invalid session");
        }
        AuthenticatedSession session = new AuthenticatedSession(((SessionCheck.Active) check).session(), token.get());
        request.setAttribute(ATTRIBUTE, session);
        MDC.put(MdcKeys.USER_ID, session.userId().toString());
        return session;
    }

    /**
     * The token a request presents, if any, without checking it; logout and login use it to end that session.
     * @param request the request
     * @return the token value, or empty (API keys are not session tokens)
     */
    public Optional<String> presentedToken(HttpServletRequest request) {
        return PresentedToken.of(request, this.cookie).filter((t) -> !t.isApiKey()).map(PresentedToken::value);
    }

    private static UnauthorizedException failed(String reason, String message) {
        logger.atWarn().addKeyValue("reason", reason).log("Auth failed");
        return new UnauthorizedException(message);
    }
}
