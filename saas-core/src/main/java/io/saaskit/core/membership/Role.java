package io.saaskit.core.membership;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.saaskit.core.membership.Permission.API_KEYS_CREATE;
import static io.saaskit.core.membership.Permission.API_KEYS_READ;
import static io.saaskit.core.membership.Permission.API_KEYS_REVOKE;
import static io.saaskit.core.membership.Permission.AUDIT_READ;
import static io.saaskit.core.membership.Permission.BILLING_MANAGE;
import static io.saaskit.core.membership.Permission.BILLING_READ;
import static io.saaskit.core.membership.Permission.MEMBERS_INVITE;
import static io.saaskit.core.membership.Permission.MEMBERS_READ;
import static io.saaskit.core.membership.Permission.MEMBERS_REMOVE;
import static io.saaskit.core.membership.Permission.MEMBERS_ROLE_UPDATE;
import static io.saaskit.core.membership.Permission.ORG_READ;
import static io.saaskit.core.membership.Permission.PLAN_READ;
import static io.saaskit.core.membership.Permission.PLAN_UPDATE;
import static io.saaskit.core.membership.Permission.SCIM_MANAGE;
import static io.saaskit.core.membership.Permission.USAGE_READ;

/**
 * The five roles and the role-to-permission matrix of the original product (plus {@code scim.manage} for
 * owners).
 */
public enum Role {

    OWNER(EnumSet.allOf(Permission.class)),
    ADMIN(EnumSet.of(ORG_READ, MEMBERS_READ, MEMBERS_INVITE, MEMBERS_ROLE_UPDATE, MEMBERS_REMOVE, API_KEYS_READ,
            API_KEYS_CREATE, API_KEYS_REVOKE, USAGE_READ, BILLING_READ, BILLING_MANAGE, AUDIT_READ, PLAN_READ)),
    MEMBER(EnumSet.of(ORG_READ, MEMBERS_READ)),
    BILLING(EnumSet.of(ORG_READ, MEMBERS_READ, API_KEYS_READ, API_KEYS_CREATE, API_KEYS_REVOKE, USAGE_READ,
            BILLING_READ, BILLING_MANAGE)),
    READONLY(EnumSet.of(ORG_READ, MEMBERS_READ));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    /**
     * Whether this role grants a permission.
     * @param permission the permission
     * @return true when granted
     */
    public boolean grants(Permission permission) {
        return this.permissions.contains(permission);
    }

    /**
     * Every permission this role grants.
     * @return the permissions
     */
    public Set<Permission> permissions() {
        return this.permissions;
    }

    /**
     * Parses a role name exactly as the API spells it (upper case).
     * @param name the name
     * @return the role, or empty when the name is not one of the five
     */
    public static Optional<Role> parse(String name) {
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
