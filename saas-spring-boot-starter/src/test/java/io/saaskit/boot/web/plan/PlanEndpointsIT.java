package io.saaskit.boot.web.plan;

import java.util.List;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET}, {@code POST} and {@code DELETE /admin/plan} over HTTP, with the organization's plan columns kept in
 * step ({@code GET /org}) and the changes audited.
 */
class PlanEndpointsIT {

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
    void aNewOrganizationIsOnTheFreePlan() {
        Account owner = accounts.register();

        JsonNode plan = get(owner).json();

        assertThat(plan.get("plan").stringValue()).isEqualTo("free");
        assertThat(plan.get("planLimit").longValue()).isEqualTo(1000);
        assertThat(plan.get("source").stringValue()).isEqualTo("default");
    }

    @Test
    void anOverrideChangesThePlanEverywhereUntilItIsCleared() {
        Account owner = accounts.register();

        Reply set = app.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                .json("{\"plan\":\"pro\",\"planLimit\":5000}").send();
        JsonNode org = app.http().get("/org").bearer(owner.token()).org(owner.orgId()).send().json().get("org");
        JsonNode overridden = get(owner).json();
        Reply cleared = app.http().delete("/admin/plan").bearer(owner.token()).org(owner.orgId()).send();

        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body()).isEqualTo("{\"plan\":\"pro\",\"planLimit\":5000}");
        assertThat(org.get("plan").stringValue()).isEqualTo("pro");
        assertThat(org.get("planLimit").longValue()).isEqualTo(5000);
        assertThat(overridden.get("source").stringValue()).isEqualTo("override");
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.json().get("plan").stringValue()).isEqualTo("free");
        assertThat(cleared.json().get("planLimit").longValue()).isEqualTo(1000);
        assertThat(cleared.json().get("source").stringValue()).isEqualTo("default");
        assertThat(actions(owner)).contains("admin.plan.update", "plan.changed", "admin.plan.cleared");
    }

    @Test
    void onlyOwnersChangeThePlanAndAdminsMayReadIt() {
        Account owner = accounts.register();
        Account admin = accounts.register();
        Account member = accounts.register();
        accounts.addMember(owner, admin, "ADMIN");
        accounts.addMember(owner, member, "MEMBER");

        Reply adminRead = app.http().get("/admin/plan").bearer(admin.token()).org(owner.orgId()).send();
        Reply adminWrite = app.http().post("/admin/plan").bearer(admin.token()).org(owner.orgId())
                .json("{\"plan\":\"pro\",\"planLimit\":5}").send();
        Reply adminClear = app.http().delete("/admin/plan").bearer(admin.token()).org(owner.orgId()).send();
        Reply memberRead = app.http().get("/admin/plan").bearer(member.token()).org(owner.orgId()).send();

        assertThat(adminRead.status()).isEqualTo(200);
        assertThat(adminWrite.status()).isEqualTo(403);
        assertThat(adminWrite.json().get("requiredPermission").stringValue()).isEqualTo("plan.update");
        assertThat(adminClear.status()).isEqualTo(403);
        assertThat(memberRead.status()).isEqualTo(403);
        assertThat(memberRead.json().get("requiredPermission").stringValue()).isEqualTo("plan.read");
        assertThat(app.http().get("/admin/plan").send().status()).isEqualTo(401);
    }

    @Test
    void badInputIsAlwaysAClientError() {
        Account owner = accounts.register();
        List<String> bodies = List.of("{\"plan\":\"x\",\"planLimit\":1}", "{\"plan\":\"" + "p".repeat(65)
                + "\",\"planLimit\":1}", "{\"plan\":\"tiny\",\"planLimit\":0}", "{\"plan\":\"tiny\",\"planLimit\":-3}",
                "{\"plan\":\"tiny\",\"planLimit\":1.5}", "{\"plan\":\"tiny\",\"planLimit\":\"5\"}",
                "{\"plan\":5,\"planLimit\":5}", "{\"planLimit\":5}", "{\"plan\":\"tiny\"}", "[]", "{oops", "",
                "{\"plan\":\"tiny\",\"planLimit\":123456789012345678901234567890}",
                "{\"plan\":\"ti\\ud800ny\",\"planLimit\":5}");

        for (String body : bodies) {
            Reply reply = app.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId()).json(body).send();
            assertThat(reply.status()).as(body + " -> " + reply).isBetween(400, 499);
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        }
        Reply both = app.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                .json("{\"plan\":\"x\",\"planLimit\":0}").send();
        assertThat(both.json().get("errors").size()).isEqualTo(2);
        Reply textPlain = app.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                .body("text/plain", "plan".getBytes()).send();
        assertThat(textPlain.status()).isEqualTo(415);
        assertThat(get(owner).json().get("plan").stringValue()).isEqualTo("free");
    }

    @Test
    void overridesCanBeSwitchedOff() {
        try (RunningApp locked = RunningApp.start("saaskit.plans.override-enabled=false")) {
            Account owner = new Accounts(locked).register();

            Reply set = locked.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                    .json("{\"plan\":\"pro\",\"planLimit\":5}").send();
            Reply clear = locked.http().delete("/admin/plan").bearer(owner.token()).org(owner.orgId()).send();
            Reply read = locked.http().get("/admin/plan").bearer(owner.token()).org(owner.orgId()).send();

            assertThat(set.status()).isEqualTo(403);
            assertThat(set.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
            assertThat(clear.status()).isEqualTo(403);
            assertThat(read.status()).isEqualTo(200);
        }
    }

    @Test
    void demoModeRefusesPlanChanges() {
        try (RunningApp demo = RunningApp.start("saaskit.demo-mode=true")) {
            Accounts demoAccounts = new Accounts(demo);
            Account owner = demoAccounts.register();
            Account admin = demoAccounts.register();
            demoAccounts.addMember(owner, admin, "ADMIN");

            Reply set = demo.http().post("/admin/plan").bearer(owner.token()).org(owner.orgId())
                    .json("{\"plan\":\"pro\",\"planLimit\":5}").send();
            Reply clear = demo.http().delete("/admin/plan").bearer(owner.token()).org(owner.orgId()).send();
            Reply byAdmin = demo.http().post("/admin/plan").bearer(admin.token()).org(owner.orgId())
                    .json("{\"plan\":\"pro\",\"planLimit\":5}").send();

            assertThat(set.status()).isEqualTo(403);
            assertThat(set.json().get("code").stringValue()).isEqualTo("DEMO_MODE");
            assertThat(set.json().get("detail").stringValue()).isEqualTo("Disabled in demo mode");
            assertThat(clear.json().get("code").stringValue()).isEqualTo("DEMO_MODE");
            assertThat(byAdmin.json().get("code").stringValue()).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void theCatalogueComesFromConfiguration() {
        try (RunningApp custom = RunningApp.start("saaskit.plans.default-plan=starter",
                "saaskit.plans.catalogue.starter.name=Starter",
                "saaskit.plans.catalogue.starter.limits[api_requests]=50")) {
            Account owner = new Accounts(custom).register();

            JsonNode org = custom.http().get("/org").bearer(owner.token()).org(owner.orgId()).send().json()
                    .get("org");

            assertThat(org.get("plan").stringValue()).isEqualTo("starter");
            assertThat(org.get("planLimit").longValue()).isEqualTo(50);
        }
    }

    @Test
    void theUsageAndAdminGroupsCanBeSwitchedOff() {
        try (RunningApp off = RunningApp.start("saaskit.http.usage.enabled=false",
                "saaskit.http.admin.enabled=false")) {
            Account owner = new Accounts(off).register();

            for (String path : List.of("/usage", "/usage/summary", "/admin/plan")) {
                Reply reply = off.http().get(path).bearer(owner.token()).org(owner.orgId()).send();
                assertThat(reply.status()).as(path).isEqualTo(404);
            }
            assertThat(off.http().post("/usage/events").json("{}").send().status()).isEqualTo(404);
            assertThat(off.http().get("/org").bearer(owner.token()).send().status()).isEqualTo(200);
        }
    }

    private static Reply get(Account owner) {
        Reply reply = app.http().get("/admin/plan").bearer(owner.token()).org(owner.orgId()).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    private static List<String> actions(Account owner) {
        return JdbcClient.create(app.database().dataSource())
                .sql("select action from audit_log where org_id = cast(:org as uuid) order by created_at, id")
                .param("org", owner.orgId()).query(String.class).list();
    }
}
