package io.saaskit.core.membership;

/**
 * What a route may require. Routes check permissions, never lists of roles, so the matrix in {@link Role} is
 * the single place that decides who may do what.
 */
public enum Permission {

    ORG_READ("org.read"),
    MEMBERS_READ("members.read"),
    MEMBERS_INVITE("members.invite"),
    MEMBERS_ROLE_UPDATE("members.role.update"),
    MEMBERS_REMOVE("members.remove"),
    API_KEYS_READ("apiKeys.read"),
    API_KEYS_CREATE("apiKeys.create"),
    API_KEYS_REVOKE("apiKeys.revoke"),
    USAGE_READ("usage.read"),
    BILLING_READ("billing.read"),
    BILLING_MANAGE("billing.manage"),
    AUDIT_READ("audit.read"),
    PLAN_READ("plan.read"),
    PLAN_UPDATE("plan.update"),
    SCIM_MANAGE("scim.manage");

    private final String key;

    Permission(String key) {
        this.key = key;
    }

    /**
     * The permission as named in the API and in problem responses, for example {@code members.invite}.
     * @return the key
     */
    public String key() {
        return this.key;
    }
}
