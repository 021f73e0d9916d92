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
 * Demo mode: member removal and role changes to or from OWNER are refused with DEMO_MODE, other changes still
 * work, and the registration limit is capped.
 */
class DemoModeIT {

    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start("saaskit.demo-mode=true", "saaskit.rate-limit.auth.register-ip=5",
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
