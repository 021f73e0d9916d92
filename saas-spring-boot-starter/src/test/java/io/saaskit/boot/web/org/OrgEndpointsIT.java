package io.saaskit.boot.web.org;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /org} and {@code /org/members} over HTTP against PostgreSQL: shapes, tenant resolution, the membership
 * rules and their errors.
 */
class OrgEndpointsIT {

    private static final String UNKNOWN_ID = "00000000-0000-7000-8000-000000000000";

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

    @Test
    void getOrgReturnsTheOrganizationAndTheCallerRole() {
        Account owner = accounts.register();

        Reply reply = app.http().get("/org").bearer(owner.token()).send();

        assertThat(reply.status()).isEqualTo(200);
        JsonNode org = reply.json().get("org");
        assertThat(org.get("id").stringValue()).isEqualTo(owner.orgId());
        assertThat(org.get("name").stringValue()).startsWith("Org ");
        assertThat(org.get("plan").stringValue()).isEqualTo("free");
        assertThat(org.get("planLimit").longValue()).isEqualTo(1000L);
        assertThat(org.get("createdAt").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(reply.json().get("role").stringValue()).isEqualTo("OWNER");
    }

    @Test
    void withoutXOrgIdTheEarliestMembershipIsUsed() {
        Account owner = accounts.register();
        Account member = accounts.register();
        accounts.addMember(owner, member, "READONLY");

        Reply own = app.http().get("/org").bearer(member.token()).send();
        Reply other = app.http().get("/org").bearer(member.token()).org(owner.orgId()).send();

        assertThat(own.json().get("org").get("id").stringValue()).isEqualTo(member.orgId());
        assertThat(other.json().get("org").get("id").stringValue()).isEqualTo(owner.orgId());
        assertThat(other.json().get("role").stringValue()).isEqualTo("READONLY");
    }

    @Test
    void anOrgIdTheCallerDoesNotBelongToIsForbiddenLikeAMalformedOne() {
        Account a = accounts.register();
        Account b = accounts.register();

        Reply foreign = app.http().get("/org").bearer(a.token()).org(b.orgId()).send();
        Reply unknown = app.http().get("/org").bearer(a.token()).org(UNKNOWN_ID).send();
        Reply malformed = app.http().get("/org").bearer(a.token()).org("not-a-uuid").send();

        for (Reply reply : new Reply[] { foreign, unknown, malformed }) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
            assertThat(reply.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Not a member of this organization");
        }
        assertThat(foreign.bodyWithoutRequestId().replace(b.orgId(), "x"))
                .isEqualTo(malformed.bodyWithoutRequestId().replace("not-a-uuid", "x"));
    }

    @Test
    void aBlankOrgIdMeansTheDefaultOrganization() {
        Account owner = accounts.register();

        Reply reply = app.http().get("/org").bearer(owner.token()).org("  ").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("org").get("id").stringValue()).isEqualTo(owner.orgId());
    }

    @Test
    void orgRoutesRequireASession() {
        Reply reply = app.http().get("/org").send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(reply.json().get("requestId").isString()).isTrue();
    }

    @Test
    void postOrgFoundsAnOrganizationOwnedByTheCaller() {
        Account account = accounts.register();

        Reply reply = app.http().post("/org").bearer(account.token()).json("{\"name\":\"  New Venture \"}").send();

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("role").stringValue()).isEqualTo("OWNER");
        String orgId = reply.json().get("org").get("id").stringValue();
        assertThat(reply.json().get("org").get("name").stringValue()).isEqualTo("New Venture");
        Reply current = app.http().get("/org").bearer(account.token()).org(orgId).send();
        assertThat(current.json().get("role").stringValue()).isEqualTo("OWNER");
    }

    @Test
    void postOrgValidatesTheName() {
        Account account = accounts.register();

        Reply invalid = app.http().post("/org").bearer(account.token()).json("{\"name\":\"!!\"}").send();
        Reply missing = app.http().post("/org").bearer(account.token()).json("{}").send();
        Reply wrongType = app.http().post("/org").bearer(account.token()).json("{\"name\":5}").send();

        for (Reply reply : new Reply[] { invalid, missing, wrongType }) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
            assertThat(reply.json().get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
            assertThat(reply.json().get("errors").get(0).get("field").stringValue()).isEqualTo("name");
        }
        assertThat(app.http().get("/auth/me").bearer(account.token()).send().json().get("orgs").size()).isEqualTo(1);
    }

    @Test
    void membersAreListedOldestFirstWithTheirUser() {
        Account owner = accounts.register();
        Account member = accounts.register();
        String membershipId = accounts.addMember(owner, member, "BILLING");

        Reply reply = app.http().get("/org/members").bearer(owner.token()).send();

        assertThat(reply.status()).isEqualTo(200);
        JsonNode list = reply.json();
        assertThat(list.size()).isEqualTo(2);
        assertThat(list.get(0).get("role").stringValue()).isEqualTo("OWNER");
        assertThat(list.get(0).get("user").get("id").stringValue()).isEqualTo(owner.userId());
        assertThat(list.get(1).get("id").stringValue()).isEqualTo(membershipId);
        assertThat(list.get(1).get("role").stringValue()).isEqualTo("BILLING");
        assertThat(list.get(1).get("status").stringValue()).isEqualTo("active");
        assertThat(list.get(1).get("user").get("email").stringValue()).isEqualTo(member.email());
        assertThat(list.get(1).get("createdAt").stringValue()).endsWith("Z");
    }

    @Test
    void addingAMemberReturnsTheMembership() {
        Account owner = accounts.register();
        Account member = accounts.register();

        Reply reply = app.http().post("/org/members").bearer(owner.token())
                .json("{\"email\":\" " + member.email().toUpperCase() + "\",\"role\":\"ADMIN\",\"extra\":1}").send();

        assertThat(reply.status()).isEqualTo(201);
        JsonNode json = reply.json();
        assertThat(json.get("id").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(json.get("orgId").stringValue()).isEqualTo(owner.orgId());
        assertThat(json.get("userId").stringValue()).isEqualTo(member.userId());
        assertThat(json.get("role").stringValue()).isEqualTo("ADMIN");
        assertThat(json.get("status").stringValue()).isEqualTo("active");
        assertThat(json.get("createdAt").stringValue()).endsWith("Z");
    }

    @Test
    void addingAnExistingMemberIsAConflictAndAnUnknownEmailIsNotFound() {
        Account owner = accounts.register();
        Account member = accounts.register();
        accounts.addMember(owner, member, "MEMBER");

        Reply duplicate = app.http().post("/org/members").bearer(owner.token())
                .json("{\"email\":\"" + member.email() + "\",\"role\":\"MEMBER\"}").send();
        Reply unknown = app.http().post("/org/members").bearer(owner.token())
                .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"role\":\"MEMBER\"}").send();

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("detail").stringValue()).isEqualTo("User is already a member");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("detail").stringValue()).isEqualTo("User not found");
    }

    @Test
    void addingAMemberValidatesEmailAndRole() {
        Account owner = accounts.register();

        Reply reply = app.http().post("/org/members").bearer(owner.token())
                .json("{\"email\":\"nope\",\"role\":\"KING\"}").send();
        Reply missing = app.http().post("/org/members").bearer(owner.token()).json("{}").send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").findValuesAsString("field")).containsExactly("email", "role");
        assertThat(missing.json().get("errors").findValuesAsString("field")).containsExactly("email", "role");
    }

    @Test
    void changingARoleReturnsTheMembership() {
        Account owner = accounts.register();
        Account member = accounts.register();
        String membershipId = accounts.addMember(owner, member, "MEMBER");

        Reply reply = app.http().patch("/org/members/" + membershipId).bearer(owner.token())
                .json("{\"role\":\"READONLY\"}").send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").stringValue()).isEqualTo(membershipId);
        assertThat(reply.json().get("role").stringValue()).isEqualTo("READONLY");
        assertThat(reply.json().get("userId").stringValue()).isEqualTo(member.userId());
        assertThat(reply.json().get("orgId").stringValue()).isEqualTo(owner.orgId());
    }

    @Test
    void changingARoleValidatesTheRoleField() {
        Account owner = accounts.register();
        Account member = accounts.register();
        String membershipId = accounts.addMember(owner, member, "MEMBER");

        Reply reply = app.http().patch("/org/members/" + membershipId).bearer(owner.token())
                .json("{\"role\":\"owner\"}").send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").stringValue()).isEqualTo("role");
    }

    @Test
    void removingAMemberEndsTheirAccess() {
        Account owner = accounts.register();
        Account member = accounts.register();
        String membershipId = accounts.addMember(owner, member, "ADMIN");

        Reply reply = app.http().delete("/org/members/" + membershipId).bearer(owner.token()).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"ok\":true}");
        assertThat(app.http().get("/org").bearer(member.token()).org(owner.orgId()).send().status()).isEqualTo(403);
    }

    @Test
    void unknownMalformedAndForeignMembershipIdsAreNotFound() {
        Account a = accounts.register();
        Account b = accounts.register();
        Account bMember = accounts.register();
        String foreign = accounts.addMember(b, bMember, "MEMBER");

        for (String id : new String[] { UNKNOWN_ID, "not-a-uuid", foreign }) {
            Reply patch = app.http().patch("/org/members/" + id).bearer(a.token()).json("{\"role\":\"MEMBER\"}")
                    .send();
            Reply delete = app.http().delete("/org/members/" + id).bearer(a.token()).send();
            for (Reply reply : new Reply[] { patch, delete }) {
                assertThat(reply.status()).as(id + " " + reply).isEqualTo(404);
                assertThat(reply.json().get("detail").stringValue()).isEqualTo("Membership not found");
            }
        }
        Reply stillThere = app.http().get("/org/members").bearer(b.token()).send();
        assertThat(stillThere.json().findValuesAsString("id")).contains(foreign);
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() {
        Account owner = accounts.register();
        Account admin = accounts.register();
        accounts.addMember(owner, admin, "ADMIN");
        String ownerMembership = app.http().get("/org/members").bearer(owner.token()).send().json().get(0).get("id")
                .stringValue();

        Reply removeSelf = app.http().delete("/org/members/" + ownerMembership).bearer(owner.token()).send();

        assertThat(removeSelf.status()).isEqualTo(409);
        assertThat(removeSelf.json().get("code").stringValue()).isEqualTo("CONFLICT");
        assertThat(removeSelf.json().get("detail").stringValue())
                .isEqualTo("An organization must keep at least one owner");
    }

    @Test
    void aSecondOwnerCanBeDemotedButNotTheLastOne() {
        Account owner = accounts.register();
        Account second = accounts.register();
        String secondMembership = accounts.addMember(owner, second, "OWNER");
        String ownerMembership = app.http().get("/org/members").bearer(owner.token()).send().json().get(0).get("id")
                .stringValue();

        Reply demoteSecond = app.http().patch("/org/members/" + secondMembership).bearer(owner.token())
                .json("{\"role\":\"ADMIN\"}").send();
        Reply removeOwnerBySecond = app.http().delete("/org/members/" + ownerMembership).bearer(second.token())
                .org(owner.orgId()).send();

        assertThat(demoteSecond.status()).isEqualTo(200);
        assertThat(removeOwnerBySecond.status()).isEqualTo(403);
    }

    @Test
    void theOnlyOwnerRemovingThemselvesWithAnotherOwnerPresentSucceeds() {
        Account owner = accounts.register();
        Account second = accounts.register();
        accounts.addMember(owner, second, "OWNER");
        String ownerMembership = app.http().get("/org/members").bearer(owner.token()).send().json().get(0).get("id")
                .stringValue();

        Reply reply = app.http().delete("/org/members/" + ownerMembership).bearer(owner.token()).send();

        assertThat(reply.status()).isEqualTo(200);
    }

    @Test
    void antiEscalationRulesHoldForAdmins() {
        Account owner = accounts.register();
        Account admin = accounts.register();
        Account member = accounts.register();
        Account coOwner = accounts.register();
        String adminMembership = accounts.addMember(owner, admin, "ADMIN");
        String memberMembership = accounts.addMember(owner, member, "MEMBER");
        String coOwnerMembership = accounts.addMember(owner, coOwner, "OWNER");

        Reply grantOwner = app.http().post("/org/members").bearer(admin.token()).org(owner.orgId())
                .json("{\"email\":\"" + accounts.register().email() + "\",\"role\":\"OWNER\"}").send();
        Reply promoteToOwner = app.http().patch("/org/members/" + memberMembership).bearer(admin.token())
                .org(owner.orgId()).json("{\"role\":\"OWNER\"}").send();
        Reply demoteOwner = app.http().patch("/org/members/" + coOwnerMembership).bearer(admin.token())
                .org(owner.orgId()).json("{\"role\":\"MEMBER\"}").send();
        Reply removeOwner = app.http().delete("/org/members/" + coOwnerMembership).bearer(admin.token())
                .org(owner.orgId()).send();
        Reply ownRole = app.http().patch("/org/members/" + adminMembership).bearer(admin.token())
                .org(owner.orgId()).json("{\"role\":\"MEMBER\"}").send();

        assertThat(grantOwner.status()).isEqualTo(403);
        assertThat(grantOwner.json().get("detail").stringValue()).isEqualTo("Only an owner can grant the owner role");
        assertThat(promoteToOwner.status()).isEqualTo(403);
        assertThat(promoteToOwner.json().get("detail").stringValue())
                .isEqualTo("Only an owner can grant the owner role");
        assertThat(demoteOwner.status()).isEqualTo(403);
        assertThat(removeOwner.status()).isEqualTo(403);
        assertThat(ownRole.status()).isEqualTo(403);
        assertThat(ownRole.json().get("detail").stringValue()).isEqualTo("You cannot change your own role");
        Reply members = app.http().get("/org/members").bearer(owner.token()).send();
        assertThat(members.json().findValuesAsString("role")).containsExactly("OWNER", "ADMIN", "MEMBER", "OWNER");
    }

    @Test
    void anOwnerPromotesAnAdminToOwnerButCannotChangeTheirOwnRole() {
        Account owner = accounts.register();
        Account admin = accounts.register();
        String adminMembership = accounts.addMember(owner, admin, "ADMIN");
        String ownerMembership = app.http().get("/org/members").bearer(owner.token()).send().json().get(0).get("id")
                .stringValue();

        Reply promote = app.http().patch("/org/members/" + adminMembership).bearer(owner.token())
                .json("{\"role\":\"OWNER\"}").send();
        Reply ownRole = app.http().patch("/org/members/" + ownerMembership).bearer(owner.token())
                .json("{\"role\":\"ADMIN\"}").send();

        assertThat(promote.status()).isEqualTo(200);
        assertThat(promote.json().get("role").stringValue()).isEqualTo("OWNER");
        assertThat(ownRole.status()).isEqualTo(403);
        assertThat(ownRole.json().get("detail").stringValue()).isEqualTo("You cannot change your own role");
    }

    @Test
    void aPermissionFailureNamesTheRequiredPermission() {
        Account owner = accounts.register();
        Account member = accounts.register();
        accounts.addMember(owner, member, "MEMBER");

        Reply reply = app.http().post("/org/members").bearer(member.token()).org(owner.orgId())
                .json("{\"email\":\"" + owner.email() + "\",\"role\":\"MEMBER\"}").send();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Insufficient permission");
        assertThat(reply.json().get("requiredPermission").stringValue()).isEqualTo("members.invite");
    }

    @Test
    void aMemberOfOneOrganizationGetsForbiddenForAnotherOnEveryEndpoint() {
        Account a = accounts.register();
        Account b = accounts.register();
        Account bMember = accounts.register();
        String bMembership = accounts.addMember(b, bMember, "MEMBER");

        Reply[] replies = {
            app.http().get("/org").bearer(a.token()).org(b.orgId()).send(),
            app.http().head("/org").bearer(a.token()).org(b.orgId()).send(),
            app.http().get("/org/members").bearer(a.token()).org(b.orgId()).send(),
            app.http().post("/org/members").bearer(a.token()).org(b.orgId())
                    .json("{\"email\":\"" + a.email() + "\",\"role\":\"OWNER\"}").send(),
            app.http().patch("/org/members/" + bMembership).bearer(a.token()).org(b.orgId())
                    .json("{\"role\":\"ADMIN\"}").send(),
            app.http().delete("/org/members/" + bMembership).bearer(a.token()).org(b.orgId()).send(),
        };

        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(403);
        }
        Reply members = app.http().get("/org/members").bearer(b.token()).send();
        assertThat(members.json().size()).isEqualTo(2);
        assertThat(members.json().get(1).get("role").stringValue()).isEqualTo("MEMBER");
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        Account owner = accounts.register();

        Reply reply = app.http().head("/org/members").bearer(owner.token()).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header("X-Request-Id")).isNotBlank();
    }

    @RepeatedTest(5)
    void twoOwnersDemotingEachOtherConcurrentlyLeaveExactlyOneOwner() throws Exception {
        Account first = accounts.register();
        Account second = accounts.register();
        String secondMembership = accounts.addMember(first, second, "OWNER");
        String firstMembership = app.http().get("/org/members").bearer(first.token()).send().json().get(0)
                .get("id").stringValue();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Reply> one = pool.submit(() -> {
                start.await();
                return app.http().patch("/org/members/" + secondMembership).bearer(first.token())
                        .json("{\"role\":\"ADMIN\"}").send();
            });
            Future<Reply> two = pool.submit(() -> {
                start.await();
                return app.http().patch("/org/members/" + firstMembership).bearer(second.token())
                        .org(first.orgId()).json("{\"role\":\"ADMIN\"}").send();
            });
            start.countDown();
            List<Integer> statuses = List.of(one.get().status(), two.get().status());

            assertThat(statuses).containsOnlyOnce(200);
            // The loser either saw the last-owner rule (409) or, resolved after the winner's commit, was no longer
            // an owner (403); both leave the organization with exactly one owner.
            assertThat(statuses).anyMatch((s) -> s == 409 || s == 403);
        }
        finally {
            pool.shutdownNow();
        }
        Reply members = app.http().get("/org/members").bearer(first.token()).org(first.orgId()).send();
        assertThat(members.json().findValuesAsString("role")).containsOnlyOnce("OWNER");
    }
}
