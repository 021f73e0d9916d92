package io.saaskit.boot.web.org;

import io.saaskit.boot.web.auth.AuthenticatedSession;
import io.saaskit.boot.web.auth.SessionAuthenticator;
import io.saaskit.boot.web.support.MdcKeys;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.shared.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Decides which organization a session request acts on, from {@code X-Org-Id}.
 *
 * <p>With the header, the caller needs an active membership in that organization; without it (or when it is
 * blank), the caller's earliest active membership is used. Unknown, malformed and foreign ids are refused alike
 * (403), so the header reveals nothing about other tenants. The decision is the core's
 * {@link MembershipService#resolveAccess}; this class adds the header handling, the log line and the MDC.
 */
public final class TenantResolver {

    /** The header naming the organization. */
    public static final String HEADER = "X-Org-Id";

    private static final Logger logger = LoggerFactory.getLogger(TenantResolver.class);

    private final SessionAuthenticator authenticator;

    private final MembershipService memberships;

    /**
     * Creates the resolver.
     * @param authenticator authenticates the session first
     * @param memberships resolves access
     */
    public TenantResolver(SessionAuthenticator authenticator, MembershipService memberships) {
        this.authenticator = authenticator;
        this.memberships = memberships;
    }

    /**
     * Authenticates the request and resolves the caller's access to the organization it names.
     * @param request the request
     * @return the access, whose role decides what the caller may do
     * @throws io.saaskit.core.shared.UnauthorizedException without a valid session
     * @throws ForbiddenException "Not a member of this organization" or "No organization membership found"
     */
    public OrgAccess resolve(HttpServletRequest request) {
        AuthenticatedSession session = this.authenticator.authenticate(request);
        String requested = requestedOrgId(request);
        try {
            OrgAccess access = this.memberships.resolveAccess(session.userId(), requested);
            MDC.put(MdcKeys.ORG_ID, access.orgId().toString());
            MDC.put(MdcKeys.ROLE, access.role().name());
            return access;
        }
        catch (ForbiddenException ex) {
            String reason = (requested != null) ? "missing_membership" : "missing_default_membership";
            logger.atWarn().addKeyValue("reason", reason).log("Auth failed");
            throw ex;
        }
    }

    private static @Nullable String requestedOrgId(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header == null || header.isBlank()) {
            return null;
        }
        return header.trim();
    }
}
