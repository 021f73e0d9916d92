package io.saaskit.boot.web.auth;

import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reserved auth provider makes the local auth endpoints answer 400.
 */
class AuthProviderIT {

    @Test
    void aReservedProviderRefusesRegistrationAndLogin() {
        try (RunningApp app = RunningApp.start("saaskit.auth.provider=oidc")) {
            Reply register = app.http().post("/auth/register")
                    .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\","
                            + "\"orgName\":\"Org\"}").send();
            Reply login = app.http().post("/auth/login")
                    .json("{\"email\":\"" + Accounts.uniqueEmail() + "\",\"password\":\"StrongPass1!\"}").send();

            for (Reply reply : new Reply[] { register, login }) {
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.json().get("code").stringValue()).isEqualTo("BAD_REQUEST");
                assertThat(reply.json().get("detail").stringValue())
                        .isEqualTo("OIDC auth provider is not configured");
            }
        }
    }
}
