package io.saaskit.boot.web.scim;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.saaskit.boot.web.scim.ScimUsersIT.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * SCIM without the shared bearer token and in demo mode: any token but a per-organization one is 403 "SCIM not
 * configured", and DELETE is refused with 403 in SCIM form while suspension still works.
 */
class ScimConfigurationIT {

    private static RunningApp app;

    private static Accounts accounts;

    private static ScimCalls scim;

    @BeforeAll
    static void start() {
        app = RunningApp.start("saaskit.demo-mode=true", "saaskit.scim.default-role=readonly");
        accounts = new Accounts(app);
        scim = new ScimCalls(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withoutTheSharedTokenOtherTokensAreForbiddenButOrgTokensWork() {
        Account owner = accounts.register();

        Reply other = scim.call("GET", "/Users", "anything").org(owner.orgId()).send();
        Reply none = scim.call("GET", "/Users", null).send();

        assertScimError(other, 403, null);
        assertThat(other.json().get("detail").stringValue()).isEqualTo("SCIM not configured");
        assertScimError(none, 403, null);
        assertThat(scim.get("/Users", scim.token(owner)).status()).isEqualTo(200);
    }

    @Test
    void demoModeRefusesDeleteInScimFormButAllowsSuspension() {
        String token = scim.token(accounts.register());
        String id = scim.created(token, ScimCalls.uniqueEmail(), "");

        Reply delete = scim.call("DELETE", "/Users/" + id, token).send();
        Reply suspend = scim.patch(token, id, "{\"op\":\"replace\",\"value\":{\"active\":false}}");

        assertScimError(delete, 403, null);
        assertThat(delete.json().get("detail").stringValue()).isEqualTo("Disabled in demo mode");
        assertThat(suspend.status()).isEqualTo(200);
        assertThat(scim.get("/Users/" + id, token).status()).isEqualTo(200);
    }

    @Test
    void theConfiguredDefaultRoleApplies() {
        String token = scim.token(accounts.register());

        Reply created = scim.create(token, ScimCalls.uniqueEmail(), "");

        assertThat(created.json().get("roles").get(0).get("value").stringValue()).isEqualTo("READONLY");
    }
}
