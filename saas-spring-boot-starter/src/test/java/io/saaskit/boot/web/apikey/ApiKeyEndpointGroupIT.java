package io.saaskit.boot.web.apikey;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.apikey.ApiKeyService;
import io.saaskit.core.apikey.CreatedApiKey;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.testing.ApiKeyFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the {@code api-keys} endpoint group switched off, its paths answer 404 while API-key routes still
 * authenticate; and API-key failures are logged with their reason and the key prefix only.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyEndpointGroupIT {

    private static RunningApp app;

    private static Account owner;

    private static CreatedApiKey key;

    @BeforeAll
    static void start() {
        app = RunningApp.start(ApiKeyTestRoutes.SOURCE, "saaskit.http.api-keys.enabled=false",
                "saaskit.api-keys.pepper=group-test-pepper-0123456789abcdefghij",
                "logging.structured.format.console=logstash");
        owner = new Accounts(app).register();
        OrgAccess access = app.bean(MembershipService.class).resolveAccess(UserId.parse(owner.userId()).orElseThrow(),
                owner.orgId());
        key = app.bean(ApiKeyService.class).create(access, "made-in-code", null, RequestContext.NONE);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void disabledGroupAnswersNotFoundWhileApiKeyRoutesStillAuthenticate() {
        List<Reply> gone = List.of(
                app.http().get("/api-keys").bearer(owner.token()).send(),
                app.http().post("/api-keys").bearer(owner.token()).json("{\"name\":\"x\"}").send(),
                app.http().delete("/api-keys/" + key.key().id()).bearer(owner.token()).send());

        for (Reply reply : gone) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        }
        assertThat(new ApiKeyCalls(app).callKRoute(key.secret()).status()).isEqualTo(200);
    }

    @Test
    void failuresAreLoggedWithTheReasonAndPrefixAndNeverTheSecret(CapturedOutput output)
            throws InterruptedException {
        ApiKeyCalls calls = new ApiKeyCalls(app);
        String unknown = ApiKeyFixtures.secret();
        String changed = key.secret().substring(0, 40) + ((key.secret().charAt(40) == 'a') ? 'b' : 'a');

        calls.callKRoute(null);
        calls.callKRoute(changed);
        calls.callKRoute(unknown);
        calls.callKRoute(key.secret(), "not-a-uuid");

        List<String> failures = awaitLines(output, "API key auth failed", 4);
        assertThat(failures).hasSize(4);
        assertThat(failures.get(0)).contains("\"reason\":\"missing_api_key\"");
        assertThat(failures.get(1)).contains("\"reason\":\"malformed_api_key\"")
                .contains("\"prefix\":\"" + key.key().prefix() + "\"");
        assertThat(failures.get(2)).contains("\"reason\":\"invalid_api_key\"")
                .contains("\"prefix\":\"" + unknown.substring(0, 12) + "\"");
        assertThat(failures.get(3)).contains("\"reason\":\"invalid_api_key\"")
                .contains("\"prefix\":\"" + key.key().prefix() + "\"");
        assertThat(output.getOut()).doesNotContain(key.secret().substring(12)).doesNotContain(unknown.substring(12))
                .doesNotContain(key.key().keyHash()).doesNotContain("group-test-pepper");
    }

    private static List<String> awaitLines(CapturedOutput output, String text, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = output.getOut().lines().filter((line) -> line.contains(text)).toList();
            if (lines.size() >= count) {
                break;
            }
            Thread.sleep(20);
        }
        return lines;
    }
}
