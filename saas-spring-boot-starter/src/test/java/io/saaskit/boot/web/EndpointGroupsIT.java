package io.saaskit.boot.web;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endpoint groups switched off by property answer 404 problems on their paths; the others keep working.
 */
class EndpointGroupsIT {

    @Test
    void disabledOrgAndHealthGroupsAnswerNotFound() {
        try (RunningApp app = RunningApp.start("saaskit.http.org.enabled=false", "saaskit.http.health.enabled=false",
                "saaskit.http.problem-type-base=https://errors.example.com/")) {
            Account account = new Accounts(app).register();

            Reply[] gone = {
                app.http().get("/org").bearer(account.token()).send(),
                app.http().post("/org").bearer(account.token()).json("{\"name\":\"Nope\"}").send(),
                app.http().get("/org/members").bearer(account.token()).send(),
                app.http().post("/org/members").bearer(account.token()).json("{}").send(),
                app.http().patch("/org/members/x").bearer(account.token()).json("{}").send(),
                app.http().delete("/org/members/x").bearer(account.token()).send(),
                app.http().get("/health").send(),
                app.http().get("/ready").send(),
            };

            for (Reply reply : gone) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
                assertThat(reply.mediaType()).isEqualTo("application/problem+json");
                assertThat(reply.json().get("type").stringValue()).isEqualTo("https://errors.example.com/not-found");
            }
            assertThat(app.http().get("/auth/me").bearer(account.token()).send().status()).isEqualTo(200);
        }
    }

    @Test
    void aDisabledAuthGroupAnswersNotFound() {
        try (RunningApp app = RunningApp.start("saaskit.http.auth.enabled=false")) {
            Reply register = app.http().post("/auth/register")
                    .json("{\"email\":\"a@example.com\",\"password\":\"StrongPass1!\",\"orgName\":\"Org\"}").send();
            Reply login = app.http().post("/auth/login").json("{}").send();
            Reply me = app.http().get("/auth/me").send();

            assertThat(register.status()).isEqualTo(404);
            assertThat(register.json().get("detail").stringValue()).isEqualTo("Route POST /auth/register not found");
            assertThat(login.status()).isEqualTo(404);
            assertThat(me.status()).isEqualTo(404);
            assertThat(app.http().get("/health").send().status()).isEqualTo(200);
            assertThat(app.http().get("/org").send().status()).as("org routes still need a session").isEqualTo(401);
        }
    }
}
