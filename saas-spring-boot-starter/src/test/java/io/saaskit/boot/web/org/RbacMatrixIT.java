package io.saaskit.boot.web.org;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives every role against every session endpoint of this milestone and compares the outcome with the role to
 * permission matrix of the product specification (§3.2), written out here independently of the core's own table.
 */
class RbacMatrixIT {

    private static final List<String> ROLES = List.of("OWNER", "ADMIN", "MEMBER", "BILLING", "READONLY");

    /** The specification's matrix, for the permissions these endpoints need. */
    private static final Map<String, Set<String>> GRANTED = Map.of(
            "org.read", Set.copyOf(ROLES),
            "members.read", Set.copyOf(ROLES),
            "members.invite", Set.of("OWNER", "ADMIN"),
            "members.role.update", Set.of("OWNER", "ADMIN"),
            "members.remove", Set.of("OWNER", "ADMIN"),
            "audit.read", Set.of("OWNER", "ADMIN"),
            "session", Set.copyOf(ROLES));

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start();
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** An endpoint and the permission it needs ({@code session}: any signed-in caller). */
    enum Endpoint {
        GET_ORG("org.read"),
        GET_MEMBERS("members.read"),
        POST_MEMBERS("members.invite"),
        PATCH_MEMBER("members.role.update"),
        DELETE_MEMBER("members.remove"),
        GET_ME("session"),
        POST_ORG("session"),
        LOGOUT_ALL("session"),
        GET_AUDIT("audit.read"),
        EXPORT_AUDIT("audit.read"),
        VERIFY_AUDIT("audit.read"),
        ADMIN_AUDIT("audit.read");

        final String permission;

        Endpoint(String permission) {
            this.permission = permission;
        }
    }

    static Stream<Arguments> everyRoleAndEndpoint() {
        return ROLES.stream().flatMap((role) -> Arrays.stream(Endpoint.values()).map((e) -> Arguments.of(role, e)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRoleAndEndpoint")
    void eachRoleGetsExactlyWhatTheMatrixGrants(String role, Endpoint endpoint) {
        Account owner = accounts.register();
        Account caller = owner;
        if (!role.equals("OWNER")) {
            caller = accounts.register();
            accounts.addMember(owner, caller, role);
        }
        String callerToken = accounts.login(caller).json().get("sessionToken").stringValue();
        Account target = accounts.register();
        String targetMembership = accounts.addMember(owner, target, "MEMBER");

        Reply reply = call(endpoint, callerToken, owner.orgId(), targetMembership);

        boolean granted = GRANTED.get(endpoint.permission).contains(role);
        if (granted) {
            assertThat(reply.status()).as(role + " " + endpoint + ": " + reply).isBetween(200, 299);
        }
        else {
            assertThat(reply.status()).as(role + " " + endpoint + ": " + reply).isEqualTo(403);
            assertThat(reply.json().get("requiredPermission").stringValue()).isEqualTo(endpoint.permission);
        }
    }

    private static Reply call(Endpoint endpoint, String token, String orgId, String targetMembership) {
        return switch (endpoint) {
            case GET_ORG -> app.http().get("/org").bearer(token).org(orgId).send();
            case GET_MEMBERS -> app.http().get("/org/members").bearer(token).org(orgId).send();
            case POST_MEMBERS -> app.http().post("/org/members").bearer(token).org(orgId)
                    .json("{\"email\":\"" + accounts.register().email() + "\",\"role\":\"MEMBER\"}").send();
            case PATCH_MEMBER -> app.http().patch("/org/members/" + targetMembership).bearer(token).org(orgId)
                    .json("{\"role\":\"READONLY\"}").send();
            case DELETE_MEMBER -> app.http().delete("/org/members/" + targetMembership).bearer(token).org(orgId)
                    .send();
            case GET_ME -> app.http().get("/auth/me").bearer(token).send();
            case POST_ORG -> app.http().post("/org").bearer(token).json("{\"name\":\"Side Project\"}").send();
            case LOGOUT_ALL -> app.http().post("/auth/logout-all").bearer(token).send();
            case GET_AUDIT -> app.http().get("/audit").bearer(token).org(orgId).send();
            case EXPORT_AUDIT -> app.http().get("/audit?format=csv").bearer(token).org(orgId).send();
            case VERIFY_AUDIT -> app.http().get("/audit/verify").bearer(token).org(orgId).send();
            case ADMIN_AUDIT -> app.http().get("/admin/audit").bearer(token).org(orgId).send();
        };
    }
}
