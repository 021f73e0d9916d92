package io.saaskit.boot.web.org;

import io.saaskit.boot.web.support.ProblemCode;
import io.saaskit.boot.web.support.RefusedRequestException;
import io.saaskit.core.membership.MemberView;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Role;

/**
 * Refuses, in demo mode, the member changes a public demo must not allow: removing a member, and a role change to
 * or from OWNER. The refusal is 403 DEMO_MODE "Disabled in demo mode".
 *
 * <p>Role changes touching OWNER are refused as DEMO_MODE only for callers who could otherwise make them (owners);
 * anyone else still gets the anti-escalation refusal from the membership service, so the two kinds of 403 keep
 * their documented order.
 */
public final class DemoModeGuard {

    /** The detail of the refusal. */
    public static final String DETAIL = "Disabled in demo mode";

    private final boolean demoMode;

    private final MembershipService memberships;

    /**
     * Creates the guard.
     * @param demoMode whether demo mode is on
     * @param memberships reads the current role of a role change's target
     */
    public DemoModeGuard(boolean demoMode, MembershipService memberships) {
        this.demoMode = demoMode;
        this.memberships = memberships;
    }

    /**
     * Refuses a member removal in demo mode.
     * @throws RefusedRequestException DEMO_MODE in demo mode
     */
    public void checkRemoval() {
        if (this.demoMode) {
            throw refused();
        }
    }

    /**
     * Refuses an owner's role change to or from OWNER in demo mode.
     * @param access the caller's access
     * @param target the membership to change
     * @param newRole the requested role
     * @throws RefusedRequestException DEMO_MODE in demo mode
     */
    public void checkRoleChange(OrgAccess access, MembershipId target, Role newRole) {
        if (!this.demoMode || access.role() != Role.OWNER) {
            return;
        }
        if (newRole == Role.OWNER || currentRole(access, target) == Role.OWNER) {
            throw refused();
        }
    }

    private Role currentRole(OrgAccess access, MembershipId target) {
        return this.memberships.list(access).stream()
                .map(MemberView::membership)
                .filter((m) -> m.id().equals(target))
                .map((m) -> m.role())
                .findFirst()
                .orElse(Role.READONLY);
    }

    private static RefusedRequestException refused() {
        return new RefusedRequestException(ProblemCode.DEMO_MODE, DETAIL);
    }
}
