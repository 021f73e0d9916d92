package io.saaskit.boot.web.auth;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code /auth} endpoints over HTTP against PostgreSQL: shapes, cookies and every documented error.
 */
class AuthEndpointsIT {

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
    void registerCreatesUserOrganizationAndSessionAndSetsTheCookie() {
        String email = Accounts.uniqueEmail();
        Reply reply = app.http().post("/auth/register")
                .json("{\"email\":\"" + email + "\",\"password\":\"StrongPass1!\",\"orgName\":\"Acme Inc\"}")
                .send();

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.mediaType()).isEqualTo("application/json");
        JsonNode json = reply.json();
        assertThat(json.get("userId").stringValue()).matches("[0-9a-f-]{36}");
        assertThat(json.get("orgId").stringValue()).matches("[0-9a-f-]{36}");
        String token = json.get("sessionToken").stringValue();
        assertThat(token).contains(".");
        String cookie = reply.headers("Set-Cookie").get(0);
        assertThat(cookie).startsWith("sid=" + token + ";").contains("Path=/").contains("HttpOnly")
                .contains("SameSite=Lax").contains("Max-Age=604800").doesNotContain("Secure")
                .doesNotContain("Domain=");
        Reply me = app.http().get("/auth/me").cookie(token).send();
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("orgs").get(0).get("name").stringValue()).isEqualTo("Acme Inc");
        assertThat(me.json().get("orgs").get(0).get("role").stringValue()).isEqualTo("OWNER");
    }

    @Test
    void registerTrimsAndLowercasesTheEmail() {
        String email = Accounts.uniqueEmail();
        Reply reply = app.http().post("/auth/register")
                .json("{\"email\":\"  " + email.toUpperCase() + " \",\"password\":\"StrongPass1!\","
                        + "\"orgName\":\"Org One\"}")
                .send();

        assertThat(reply.status()).isEqualTo(201);
        Reply me = app.http().get("/auth/me").bearer(reply.json().get("sessionToken").stringValue()).send();
        assertThat(me.json().get("user").get("email").stringValue()).isEqualTo(email);
    }

    @Test
    void registerListsEveryInvalidFieldInOneProblem() {
        Reply reply = app.http().post("/auth/register")
                .json("{\"email\":\"bad-email\",\"password\":\"weakpass\",\"orgName\":\"!!\"}")
                .send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.get("type").stringValue()).isEqualTo("urn:saaskit:problem:validation-failed");
        assertThat(problem.get("title").stringValue()).isEqualTo("Validation failed");
        assertThat(problem.get("status").intValue()).isEqualTo(400);
        assertThat(problem.get("detail").stringValue()).isEqualTo("Request validation failed");
        assertThat(problem.get("instance").stringValue()).isEqualTo("/auth/register");
        assertThat(problem.get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("requestId").stringValue()).isEqualTo(reply.header("X-Request-Id"));
        assertThat(problem.get("errors").findValuesAsString("field")).contains("email", "password", "orgName");
        assertThat(problem.get("errors").findValuesAsString("message")).contains("Enter a valid email address",
                "Password must include at least one number",
                "Organization name can only contain letters, numbers, spaces, and dashes");
    }

    @Test
    void registerRefusesDisposableEmailDomains() {
        Reply reply = app.http().post("/auth/register")
                .json("{\"email\":\"someone@mailinator.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Org\"}")
                .send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").get(0).get("field").stringValue()).isEqualTo("email");
        assertThat(reply.json().get("errors").get(0).get("message").stringValue())
                .isEqualTo("Use a non-disposable email address");
    }

    @Test
    void registerWithATakenEmailIsAConflictOnTheEmailField() {
        Account existing = accounts.register();

        Reply reply = app.http().post("/auth/register")
                .json("{\"email\":\"" + existing.email() + "\",\"password\":\"StrongPass1!\",\"orgName\":\"Other\"}")
                .send();

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.json().get("code").stringValue()).isEqualTo("CONFLICT");
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Email already registered");
        assertThat(reply.json().get("errors").get(0).get("field").stringValue()).isEqualTo("email");
    }

    @Test
    void loginReturnsTheUserTheEarliestOrganizationAndANewSession() {
        Account account = accounts.register();
        Reply created = app.http().post("/org").bearer(account.token()).json("{\"name\":\"Second Org\"}").send();
        assertThat(created.status()).isEqualTo(201);

        Reply reply = accounts.login(account);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("userId").stringValue()).isEqualTo(account.userId());
        assertThat(reply.json().get("orgId").stringValue()).isEqualTo(account.orgId());
        String token = reply.json().get("sessionToken").stringValue();
        assertThat(token).isNotEqualTo(account.token());
        assertThat(reply.sessionCookie()).isEqualTo(token);
        assertThat(app.http().get("/auth/me").cookie(token).send().status()).isEqualTo(200);
    }

    @Test
    void unknownEmailAndWrongPasswordGiveTheSameAnswer() {
        Account account = accounts.register();

        Reply unknown = app.http().post("/auth/login")
                .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\"}")
                .send();
        Reply wrong = app.http().post("/auth/login")
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"WrongPass1!\"}")
                .send();

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.json().get("detail").stringValue()).isEqualTo("Invalid credentials");
        assertThat(unknown.bodyWithoutRequestId()).isEqualTo(wrong.bodyWithoutRequestId());
        assertThat(unknown.json().get("requestId").stringValue())
                .isNotEqualTo(wrong.json().get("requestId").stringValue());
    }

    @Test
    void loginOfAUserWithoutMembershipIsForbidden() {
        Account owner = accounts.register();
        Account member = accounts.register();
        String membershipId = accounts.addMember(owner, member, "MEMBER");
        // Leave the member only in the owner's org, then remove them from it.
        Reply ownOrg = app.http().get("/org/members").bearer(member.token()).org(member.orgId()).send();
        String ownMembership = ownOrg.json().get(0).get("id").stringValue();
        Reply promote = app.http().post("/org/members").bearer(member.token()).org(member.orgId())
                .json("{\"email\":\"" + owner.email() + "\",\"role\":\"OWNER\"}").send();
        assertThat(promote.status()).isEqualTo(201);
        app.clock().advanceSeconds(1);
        assertThat(app.http().delete("/org/members/" + ownMembership).bearer(owner.token()).org(member.orgId())
                .send().status()).isEqualTo(200);
        assertThat(app.http().delete("/org/members/" + membershipId).bearer(owner.token()).org(owner.orgId())
                .send().status()).isEqualTo(200);

        Reply reply = accounts.login(member);

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("No organization membership found");
    }

    @Test
    void loginWhileHoldingASessionEndsThatSession() {
        Account account = accounts.register();

        Reply reply = app.http().post("/auth/login").cookie(account.token())
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"" + account.password() + "\"}")
                .send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(app.http().get("/auth/me").cookie(account.token()).send().status()).isEqualTo(401);
        assertThat(app.http().get("/auth/me").cookie(reply.sessionCookie()).send().status()).isEqualTo(200);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        Account account = accounts.register();

        Reply reply = app.http().post("/auth/logout").cookie(account.token()).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"ok\":true}");
        assertThat(reply.headers("Set-Cookie").get(0)).startsWith("sid=;").contains("Max-Age=0")
                .contains("Path=/").contains("HttpOnly").contains("SameSite=Lax");
        assertThat(app.http().get("/org").cookie(account.token()).send().status()).isEqualTo(401);
    }

    @Test
    void logoutNeverFailsOnOrganizationResolutionOrMissingSession() {
        Account account = accounts.register();

        Reply withUnknownOrg = app.http().post("/auth/logout").cookie(account.token())
                .org("00000000-0000-7000-8000-000000000000").send();
        Reply withoutSession = app.http().post("/auth/logout").send();
        Reply withGarbage = app.http().post("/auth/logout").bearer("garbage").send();

        assertThat(withUnknownOrg.status()).isEqualTo(200);
        assertThat(withUnknownOrg.json().get("ok").booleanValue()).isTrue();
        assertThat(withoutSession.status()).isEqualTo(200);
        assertThat(withGarbage.status()).isEqualTo(200);
        assertThat(app.http().get("/auth/me").cookie(account.token()).send().status()).isEqualTo(401);
    }

    @Test
    void logoutAllEndsEverySessionOfTheUser() {
        Account account = accounts.register();
        String second = accounts.login(account).json().get("sessionToken").stringValue();

        Reply reply = app.http().post("/auth/logout-all").bearer(second).send();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("ok").booleanValue()).isTrue();
        assertThat(reply.headers("Set-Cookie").get(0)).contains("Max-Age=0");
        assertThat(app.http().get("/auth/me").bearer(account.token()).send().status()).isEqualTo(401);
        assertThat(app.http().get("/auth/me").bearer(second).send().status()).isEqualTo(401);
    }

    @Test
    void logoutAllRequiresASession() {
        Reply reply = app.http().post("/auth/logout-all").send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Missing session");
    }

    @Test
    void meListsTheUserTheDefaultOrganizationAndEveryOrganization() {
        Account account = accounts.register();
        Reply created = app.http().post("/org").bearer(account.token()).json("{\"name\":\"Beta\"}").send();

        Reply me = app.http().get("/auth/me").bearer(account.token()).send();

        assertThat(me.status()).isEqualTo(200);
        JsonNode json = me.json();
        assertThat(json.get("user").get("id").stringValue()).isEqualTo(account.userId());
        assertThat(json.get("user").get("email").stringValue()).isEqualTo(account.email());
        assertThat(json.get("orgId").stringValue()).isEqualTo(account.orgId());
        assertThat(json.get("orgs").findValuesAsString("id"))
                .containsExactly(account.orgId(), created.json().get("org").get("id").stringValue());
        assertThat(json.get("orgs").get(1).get("name").stringValue()).isEqualTo("Beta");
        assertThat(json.get("orgs").get(1).get("role").stringValue()).isEqualTo("OWNER");
    }

    @Test
    void sessionRoutesRefuseMissingInvalidAndApiKeyTokens() {
        Account account = accounts.register();
        String tampered = account.token().substring(0, account.token().length() - 2)
                + (account.token().endsWith("AA") ? "BB" : "AA");

        Reply missing = app.http().get("/auth/me").send();
        Reply garbage = app.http().get("/auth/me").bearer("not-a-token").send();
        Reply apiKey = app.http().get("/auth/me").bearer("ak_0123456789abcdefghijABCDEFGHIJ012345").send();
        Reply tamperedCookie = app.http().get("/auth/me").cookie(tampered).send();

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.json().get("code").stringValue()).isEqualTo("UNAUTHORIZED");
        assertThat(missing.json().get("detail").stringValue()).isEqualTo("Missing session");
        assertThat(missing.json().get("requestId").isString()).isTrue();
        for (Reply reply : new Reply[] { garbage, apiKey, tamperedCookie }) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Invalid session");
        }
    }

    @Test
    void theCookieWinsOverTheBearerToken() {
        Account account = accounts.register();

        Reply reply = app.http().get("/auth/me").cookie("forged.value").bearer(account.token()).send();

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Invalid session");
    }
}
