package io.saaskit.boot.web.apikey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.saaskit.adapters.jdbc.PostgresApiKeyRevocationChannel;
import io.saaskit.adapters.jdbc.testing.TestPostgres;
import io.saaskit.boot.apikey.CaffeineApiKeyCache;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.apikey.port.ApiKeyCache;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application instances on one PostgreSQL database, without Redis: a key revoked through instance A is refused
 * by A on the very next request and by B within one second, although B had the key in its cache (which would keep
 * it for up to ten seconds): the revocation reaches B through PostgreSQL {@code LISTEN}/{@code NOTIFY}.
 */
class ApiKeyRevocationAcrossInstancesIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    private static RunningApp instanceA;

    private static RunningApp instanceB;

    @BeforeAll
    static void start() throws InterruptedException {
        TestPostgres.Database database = TestPostgres.createDatabase();
        instanceA = RunningApp.start(database, ApiKeyTestRoutes.SOURCE);
        instanceB = RunningApp.start(database, ApiKeyTestRoutes.SOURCE);
        for (RunningApp instance : List.of(instanceA, instanceB)) {
            ApiKeyRevocationChannel channel = instance.bean(ApiKeyRevocationChannel.class);
            assertThat(channel).isInstanceOf(PostgresApiKeyRevocationChannel.class);
            assertThat(((PostgresApiKeyRevocationChannel) channel).awaitListening(Duration.ofSeconds(10))).isTrue();
        }
    }

    @AfterAll
    static void stop() {
        if (instanceB != null) {
            instanceB.close();
        }
        if (instanceA != null) {
            instanceA.close();
        }
    }

    @Test
    void keyRevokedOnOneInstanceIsRefusedByTheOtherWithinOneSecond() throws InterruptedException {
        Account owner = new Accounts(instanceA).register();
        ApiKeyCalls.Created key = new ApiKeyCalls(instanceA).create(owner, "shared");
        ApiKeyCalls onA = new ApiKeyCalls(instanceA);
        ApiKeyCalls onB = new ApiKeyCalls(instanceB);
        assertThat(onA.callKRoute(key.secret()).status()).isEqualTo(200);
        assertThat(onB.callKRoute(key.secret()).status()).as("B verified and cached the key").isEqualTo(200);
        assertThat(instanceB.bean(ApiKeyCache.class)).isInstanceOf(CaffeineApiKeyCache.class);

        Reply revoke = onA.revoke(owner, key.id());
        long revokedAt = System.nanoTime();
        Reply nextOnA = onA.callKRoute(key.secret());
        List<Integer> onBWithinASecond = new ArrayList<>();
        int status = 200;
        while (status == 200 && System.nanoTime() - revokedAt < PROPAGATION.toNanos()) {
            status = onB.callKRoute(key.secret()).status();
            onBWithinASecond.add(status);
            Thread.sleep(20);
        }
        long elapsedMillis = Duration.ofNanos(System.nanoTime() - revokedAt).toMillis();

        assertThat(revoke.status()).isEqualTo(200);
        assertThat(nextOnA.status()).as("the revoking instance refuses the very next request").isEqualTo(401);
        assertThat(status).as("B after %d ms, statuses %s", elapsedMillis, onBWithinASecond).isEqualTo(401);
        assertThat(elapsedMillis).isLessThan(PROPAGATION.toMillis());
        for (int i = 0; i < 5; i++) {
            Reply later = onB.callKRoute(key.secret());
            assertThat(later.status()).isEqualTo(401);
            assertThat(later.json().get("detail").stringValue()).isEqualTo("Invalid API key");
        }
    }

    @Test
    void keysCreatedOnOneInstanceWorkOnTheOther() {
        Account owner = new Accounts(instanceB).register();
        ApiKeyCalls.Created key = new ApiKeyCalls(instanceB).create(owner, "created-on-b");

        Reply onA = new ApiKeyCalls(instanceA).callKRoute(key.secret(), owner.orgId());

        assertThat(onA.status()).isEqualTo(200);
        assertThat(onA.json().get("apiKeyId").stringValue()).isEqualTo(key.id());
    }
}
