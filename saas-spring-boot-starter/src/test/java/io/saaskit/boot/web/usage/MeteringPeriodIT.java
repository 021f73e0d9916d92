package io.saaskit.boot.web.usage;

import java.time.Duration;
import java.time.Instant;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monthly periods with a movable clock: a free organization's 1000 calls spread over several days of a month are
 * admitted, the next is refused until the first of the next month (scenario 67).
 */
class MeteringPeriodIT {

    private static RunningApp app;

    @BeforeAll
    static void start() {
        app = RunningApp.start(MeteredTestRoutes.SOURCE, "saaskit.rate-limit.api-key.limit=0");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aFreeOrganizationGetsAThousandCallsAMonth() {
        Accounts accounts = new Accounts(app);
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);

        for (int day = 0; day < 4; day++) {
            for (int i = 0; i < 250; i++) {
                Reply reply = key.data(app);
                assertThat(reply.status()).as("call %d on day %d: %s", i, day, reply).isEqualTo(200);
            }
            app.clock().advance(Duration.ofDays(1));
        }
        Reply refused = key.data(app);
        app.clock().set(Instant.parse("2026-03-31T23:59:59Z"));
        Reply stillRefused = key.data(app);
        app.clock().set(Instant.parse("2026-04-01T00:00:00Z"));
        Reply nextMonth = key.data(app);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("used").longValue()).isEqualTo(1000);
        assertThat(stillRefused.status()).isEqualTo(429);
        assertThat(stillRefused.header("Retry-After")).isEqualTo("1");
        assertThat(nextMonth.status()).isEqualTo(200);
        // A month has passed: sign in again (the session expired).
        owner = owner.withToken(accounts.login(owner).json().get("sessionToken").stringValue());
        JsonNode summary = app.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send().json();
        assertThat(summary.get("used").longValue()).isEqualTo(1);
        assertThat(summary.get("periodStart").stringValue()).isEqualTo("2026-04-01T00:00:00.000Z");
        JsonNode march = app.http().get("/usage?days=40").bearer(owner.token()).org(owner.orgId()).send().json();
        long total = 0;
        for (JsonNode row : march) {
            total += row.get("quantity").longValue();
        }
        assertThat(march.size()).isEqualTo(5);
        assertThat(total).isEqualTo(1001);
    }
}
