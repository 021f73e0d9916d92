package io.saaskit.core.membership;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.tenancy.OrgId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoleTests {

    /** Copied from product-spec.md section 3.2; columns OWNER, ADMIN, MEMBER, BILLING, READONLY. */
    private static final String SPEC_MATRIX = """
            | org.read | ✔ | ✔ | ✔ | ✔ | ✔ |
            | members.read | ✔ | ✔ | ✔ | ✔ | ✔ |
            | members.invite | ✔ | ✔ | | | |
            | members.role.update | ✔ | ✔ | | | |
            | members.remove | ✔ | ✔ | | | |
            | apiKeys.read | ✔ | ✔ | | ✔ | |
            | apiKeys.create | ✔ | ✔ | | ✔ | |
            | apiKeys.revoke | ✔ | ✔ | | ✔ | |
            | usage.read | ✔ | ✔ | | ✔ | |
            | billing.read | ✔ | ✔ | | ✔ | |
            | billing.manage | ✔ | ✔ | | ✔ | |
            | audit.read | ✔ | ✔ | | | |
            | plan.read | ✔ | ✔ | | | |
            | plan.update | ✔ | | | | |
            | scim.manage [beyond] | ✔ | | | | |
            """;

    private static final List<Role> COLUMNS = List.of(Role.OWNER, Role.ADMIN, Role.MEMBER, Role.BILLING,
            Role.READONLY);

    @Test
    void everyRoleGrantsExactlyThePermissionsOfTheSpecMatrix() {
        Map<String, Set<Role>> expected = parseMatrix();

        for (Permission permission : Permission.values()) {
            assertThat(expected).as("spec row for %s", permission.key()).containsKey(permission.key());
            for (Role role : Role.values()) {
                assertThat(role.grants(permission))
                        .as("%s grants %s", role, permission.key())
                        .isEqualTo(expected.get(permission.key()).contains(role));
            }
        }
    }

    @Test
    void permissionsAreExactlyThoseOfTheSpecMatrix() {
        assertThat(Arrays.stream(Permission.values()).map(Permission::key))
                .containsExactlyInAnyOrderElementsOf(parseMatrix().keySet());
    }

    @Test
    void permissionsListedByARoleMatchWhatItGrants() {
        for (Role role : Role.values()) {
            Set<Permission> granted = Arrays.stream(Permission.values()).filter(role::grants)
                    .collect(Collectors.toSet());
            assertThat(role.permissions()).as("%s", role).isEqualTo(granted);
        }
    }

    @Test
    void rolesParseOnlyInTheirExactSpelling() {
        assertThat(Role.parse("OWNER")).contains(Role.OWNER);
        assertThat(Role.parse("READONLY")).contains(Role.READONLY);
        assertThat(Role.parse("owner")).isEmpty();
        assertThat(Role.parse(" ADMIN")).isEmpty();
        assertThat(Role.parse("SUPERUSER")).isEmpty();
        assertThat(Role.parse("")).isEmpty();
    }

    @Test
    void orgAccessRefusesAMissingPermissionNamingIt() {
        OrgAccess access = new OrgAccess(new OrgId(UUID.randomUUID()),
                new UserId(UUID.randomUUID()),
                new MembershipId(UUID.randomUUID()), Role.MEMBER);

        access.require(Permission.MEMBERS_READ);
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> access.require(Permission.PLAN_UPDATE))
                .withMessage("Insufficient permission")
                .satisfies((e) -> assertThat(e.requiredPermission()).contains("plan.update"));
    }

    private static Map<String, Set<Role>> parseMatrix() {
        Map<String, Set<Role>> rows = new HashMap<>();
        for (String line : SPEC_MATRIX.strip().split("\n")) {
            String[] cells = line.split("\\|", -1);
            String permission = cells[1].replace("[beyond]", "").strip();
            Set<Role> granted = new HashSet<>();
            for (int column = 0; column < COLUMNS.size(); column++) {
                if (cells[column + 2].strip().equals("✔")) {
                    granted.add(COLUMNS.get(column));
                }
            }
            rows.put(permission, granted);
        }
        assertThat(rows).hasSize(15);
        return rows;
    }
}
