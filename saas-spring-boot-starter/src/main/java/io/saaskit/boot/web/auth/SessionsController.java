package io.saaskit.boot.web.auth;

import java.util.List;

import io.saaskit.boot.web.support.ClientInfos;
import io.saaskit.boot.web.support.OkResponse;
import io.saaskit.boot.web.support.RequestContexts;
import io.saaskit.core.auth.AuthService;
import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.SessionService;
import io.saaskit.core.shared.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own sessions: {@code GET /auth/sessions} lists them, newest first, and
 * {@code DELETE /auth/sessions/:id} signs one of them out, for example a lost device.
 *
 * <p>A session of another user answers exactly like an unknown or malformed id (404 "Session not found"), so ids
 * reveal nothing about other accounts. Ending the caller's own current session also clears its cookie.
 */
@RestController
@RequestMapping("/auth/sessions")
public class SessionsController {

    /** The detail of the 404. */
    static final String NOT_FOUND = "Session not found";

    private final SessionService sessions;

    private final AuthService auth;

    private final SessionCookie cookie;

    private final RequestContexts contexts;

    /**
     * Creates the controller.
     * @param sessions lists sessions
     * @param auth ends a session and audits it
     * @param cookie the session cookie, cleared when the caller ends its own session
     * @param clients resolves client addresses, for the audit row
     */
    public SessionsController(SessionService sessions, AuthService auth, SessionCookie cookie, ClientInfos clients) {
        this.sessions = sessions;
        this.auth = auth;
        this.cookie = cookie;
        this.contexts = new RequestContexts(clients);
    }

    /**
     * The caller's sessions.
     * @param session the caller's session
     * @return 200 with the sessions, newest first, the caller's own marked {@code current}
     */
    @GetMapping
    public List<UserSessionResponse> list(AuthenticatedSession session) {
        return this.sessions.list(session.userId()).stream()
                .map((s) -> UserSessionResponse.of(s, session.session().id()))
                .toList();
    }

    /**
     * Ends one of the caller's sessions.
     * @param session the caller's session
     * @param id the session to end
     * @param request the request
     * @return 200 {@code {"ok":true}}
     * @throws NotFoundException "Session not found" for an unknown or malformed id, or another user's session
     */
    @DeleteMapping("/{id}")
    public ResponseEntity<OkResponse> end(AuthenticatedSession session, @PathVariable String id,
            HttpServletRequest request) {
        SessionId sessionId = SessionId.parse(id).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        if (!this.auth.revokeSession(session.userId(), sessionId, this.contexts.of(request))) {
            throw new NotFoundException(NOT_FOUND);
        }
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok();
        if (sessionId.equals(session.session().id())) {
            ok.header(HttpHeaders.SET_COOKIE, this.cookie.clear());
        }
        return ok.body(OkResponse.OK);
    }
}
