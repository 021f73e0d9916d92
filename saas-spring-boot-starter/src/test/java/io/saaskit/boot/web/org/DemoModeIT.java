package io.saaskit.boot.web.org;

import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo mode: member removal and role changes to or from OWNER are refused with DEMO_MODE, other changes (API-key
 * revocation included) still work, and the auth limits are capped at 3 / 5 / 3.
 */
class DemoModeIT {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start("saaskit.demo-mode=true", "saaskit.rate-limit.auth.register-ip=5",
                "saaskit.rate-limit.auth.login-ip=50", "saaskit.rate-limit.auth.login-identifier=50",
                "saaskit.http.trusted-proxies=127.0.0.0/8,::1/128");
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void memberRemovalIsDisabled() {
        Account owner = register();
        Account member = register();
        String membership = accounts.addMember(owner, member, "MEMBER");

        Reply reply = app.http().delete("/org/members/" + membership).bearer(owner.token()).send();

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().get("code").stringValue()).isEqualTo("DEMO_MODE");
        assertThat(reply.json().get("title").stringValue()).isEqualTo("Disabled in demo mode");
        assertThat(reply.json().get("detail").stringValue()).isEqualTo("Disabled in demo mode");
        assertThat(reply.json().get("type").stringValue()).isEqualTo("urn:saaskit:problem:demo-mode");
        assertThat(app.http().get("/org/members").bearer(owner.token()).send().json().size()).isEqualTo(2);
    }

    @Test
    void roleChangesToOrFromOwnerAreDisabledButOthersWork() {
        Account owner = register();
        Account admin = register();
        Account coOwner = register();
        String adminMembership = accounts.addMember(owner, admin, "ADMIN");
        String coOwnerMembership = accounts.addMember(owner, coOwner, "OWNER");

        Reply promote = app.http().patch("/org/members/" + adminMembership).bearer(owner.token())
                .json("{\"role\":\"OWNER\"}").send();
        Reply demote = app.http().patch("/org/members/" + coOwnerMembership).bearer(owner.token())
                .json("{\"role\":\"ADMIN\"}").send();
        Reply ordinary = app.http().patch("/org/members/" + adminMembership).bearer(owner.token())
                .json("{\"role\":\"BILLING\"}").send();
        Reply adminGrantingOwner = app.http().patch("/org/members/" + coOwnerMembership).bearer(admin.token())
                .org(owner.orgId()).json("{\"role\":\"OWNER\"}").send();

        assertThat(promote.status()).isEqualTo(403);
        assertThat(promote.json().get("code").stringValue()).isEqualTo("DEMO_MODE");
        assertThat(demote.status()).isEqualTo(403);
        assertThat(demote.json().get("code").stringValue()).isEqualTo("DEMO_MODE");
        assertThat(ordinary.status()).isEqualTo(200);
        assertThat(adminGrantingOwner.status()).isEqualTo(403);
        assertThat(adminGrantingOwner.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aFourthRegistrationFromOneAddressIsLimited() {
        String ip = "10.9.9.9";
        for (int i = 0; i < 3; i++) {
            assertThat(registerFrom(ip).status()).isEqualTo(201);
        }

        Reply fourth = registerFrom(ip);

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.json().get("limit").intValue()).isEqualTo(3);
    }

    @Test
    void apiKeyRevocationStaysAllowedAndIsAudited() {
        Account owner = register();
        Reply created = app.http().post("/api-keys").bearer(owner.token()).json("{\"name\":\"demo_key\"}").send();
        assertThat(created.status()).isEqualTo(201);

        Reply revoked = app.http().delete("/api-keys/" + created.json().get("id").stringValue())
                .bearer(owner.token()).send();

        assertThat(revoked.status()).isEqualTo(200);
        Reply audit = app.http().get("/audit?action=apiKey.*").bearer(owner.token()).send();
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.json().get("items").get(0).get("action").stringValue()).isEqualTo("apiKey.revoke");
    }

    @Test
    void aFourthLoginAttemptForOneEmailIsLimited() {
        Account owner = register();
        for (int i = 0; i < 3; i++) {
            assertThat(wrongLogin(owner, "10.2.0." + i).status()).isEqualTo(401);
        }

        Reply fourth = wrongLogin(owner, "10.2.0.9");

        assertThat(fourth.status()).isEqualTo(429);
        assertThat(fourth.json().get("scope").stringValue()).isEqualTo("auth_login_identifier");
        assertThat(fourth.json().get("limit").intValue()).isEqualTo(3);
    }

    @Test
    void aSixthLoginAttemptFromOneAddressIsLimited() {
        String ip = "10.3.3.3";
        for (int i = 0; i < 5; i++) {
            assertThat(app.http().post("/auth/login").header("X-Forwarded-For", ip)
                    .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"Wr0ng!Password\"}")
                    .send().status()).isEqualTo(401);
        }

        Reply sixth = app.http().post("/auth/login").header("X-Forwarded-For", ip)
                .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"Wr0ng!Password\"}").send();

        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().get("scope").stringValue()).isEqualTo("auth_login_ip");
        assertThat(sixth.json().get("limit").intValue()).isEqualTo(5);
    }

    private static Reply wrongLogin(Account account, String ip) {
        return app.http().post("/auth/login").header("X-Forwarded-For", ip)
                .json("{\"email\":\"" + account.email() + "\",\"password\":\"Wr0ng!Password\"}").send();
    }

    private static Account register() {
        // Each account from its own address, so the capped registration limit does not interfere.
        return accounts.registerFrom("10.1.0." + NEXT_ADDRESS.incrementAndGet());
    }

    private static Reply registerFrom(String ip) {
        return app.http().post("/auth/register").header("X-Forwarded-For", ip)
                .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\","
                        + "\"orgName\":\"Demo Org\"}")
                .send();
    }
}
