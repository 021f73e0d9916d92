package io.saaskit.boot.web.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Http;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /usage/events} over HTTP: idempotency, validation, and what it counts (scenario 70).
 */
class UsageEventsIT {

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start(MeteredTestRoutes.SOURCE);
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theSameKeyAndPayloadReplaysTheFirstResponseWithoutASecondEvent() {
        Keys key = Keys.create(app, accounts.register());
        String body = "{\"metric\":\"emails.sent\",\"quantity\":3,\"properties\":{\"b\":1,\"a\":[true,null]}}";

        Reply first = post(key, "k-1", body);
        Reply second = post(key, "k-1", "{ \"properties\" : {\"a\":[true,null],\"b\":1.0}, \"quantity\":3,"
                + "\"metric\":\"emails.sent\" }");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.header(UsageController.REPLAYED)).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header(UsageController.REPLAYED)).isEqualTo("true");
        assertThat(second.body()).isEqualTo(first.body());
        JsonNode event = first.json();
        assertThat(event.get("metric").stringValue()).isEqualTo("emails.sent");
        assertThat(event.get("quantity").longValue()).isEqualTo(3);
        assertThat(event.get("idempotencyKey").stringValue()).isEqualTo("k-1");
        assertThat(event.get("timestamp").stringValue()).isEqualTo(app.clock().instant().toString()
                .replace("Z", ".000Z"));
        assertThat(eventCount(key)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherQuantityIsAConflict() {
        Keys key = Keys.create(app, accounts.register());
        post(key, "k-2", "{\"metric\":\"emails.sent\",\"quantity\":1}");

        Reply conflict = post(key, "k-2", "{\"metric\":\"emails.sent\",\"quantity\":2}");

        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("code").stringValue()).isEqualTo("CONFLICT");
        assertThat(conflict.json().get("detail").stringValue())
                .isEqualTo("Idempotency-Key reused with a different payload");
        assertThat(eventCount(key)).isEqualTo(1);
    }

    @Test
    void concurrentFirstUsesOfOneKeyRecordOneEvent() throws Exception {
        Keys key = Keys.create(app, accounts.register());
        ExecutorService executor = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Reply>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(CompletableFuture.supplyAsync(
                        () -> post(key, "race", "{\"metric\":\"exports.run\",\"quantity\":1}"), executor));
            }
            List<Reply> replies = new ArrayList<>();
            for (CompletableFuture<Reply> post : posts) {
                replies.add(post.get());
            }

            assertThat(replies).as(replies.toString()).extracting(Reply::status).containsOnly(201);
            assertThat(replies).filteredOn((r) -> r.header(UsageController.REPLAYED) == null).hasSize(1);
            assertThat(replies).extracting(Reply::body).containsOnly(replies.get(0).body());
            assertThat(eventCount(key)).isEqualTo(1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void propertiesThePostgresCannotStoreAreAValidationErrorNotAnOutage() {
        Keys key = Keys.create(app, accounts.register());

        Reply nul = post(key, "nul", "{\"metric\":\"emails.sent\",\"quantity\":1,\"properties\":{\"a\":\"\\u0000\"}}");
        Reply good = post(key, "fine", "{\"metric\":\"emails.sent\",\"quantity\":1}");

        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(fields(nul)).containsExactly("properties");
        assertThat(good.status()).isEqualTo(201);
        assertThat(eventCount(key)).isEqualTo(1);
    }

    @Test
    void aMissingKeyIsRefusedWithTheHeaderAsField() {
        Keys key = Keys.create(app, accounts.register());

        Reply reply = app.http().post("/usage/events").bearer(key.secret())
                .json("{\"metric\":\"emails.sent\",\"quantity\":1}").send();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("Idempotency-Key");
    }

    @Test
    void twoKeysAreRefusedRatherThanOnePicked() {
        Keys key = Keys.create(app, accounts.register());

        Reply reply = app.http().post("/usage/events").bearer(key.secret()).header("Idempotency-Key", "first")
                .header("Idempotency-Key", "second").json("{\"metric\":\"emails.sent\",\"quantity\":1}").send();

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("Idempotency-Key");
        assertThat(eventCount(key)).isZero();
    }

    @Test
    void theReservedMetricIsRefused() {
        Keys key = Keys.create(app, accounts.register());

        Reply reply = post(key, "k-3", "{\"metric\":\"api_requests\",\"quantity\":1}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(fields(reply)).containsExactly("metric");
    }

    @Test
    void customEventsAreNotApiRequestsButShowInUsage() {
        Account owner = accounts.register();
        Keys key = Keys.create(app, owner);
        post(key, "k-4", "{\"metric\":\"emails.sent\",\"quantity\":5}");

        JsonNode summary = app.http().get("/usage/summary").bearer(owner.token()).org(owner.orgId()).send().json();
        JsonNode emails = app.http().get("/usage/summary?metric=emails.sent").bearer(owner.token())
                .org(owner.orgId()).send().json();
        JsonNode rows = app.http().get("/usage?metric=emails.sent").bearer(owner.token()).org(owner.orgId())
                .send().json();

        assertThat(summary.get("used").longValue()).isZero();
        assertThat(emails.get("used").longValue()).isEqualTo(5);
        assertThat(emails.get("limit").isNull()).isTrue();
        assertThat(emails.get("remaining").isNull()).isTrue();
        assertThat(rows.get(0).get("quantity").longValue()).isEqualTo(5);
    }

    @Test
    void badInputIsAlwaysAClientError() {
        Keys key = Keys.create(app, accounts.register());
        List<Reply> replies = List.of(
                post(key, "b1", "{\"metric\":5,\"quantity\":\"x\",\"timestamp\":7,\"properties\":[]}"),
                post(key, "b2", "{\"metric\":\"m\",\"quantity\":1.5}"),
                post(key, "b3", "{\"metric\":\"m\",\"quantity\":0}"),
                post(key, "b4", "{\"metric\":\"m\",\"quantity\":1000000001}"),
                post(key, "b5", "{\"metric\":\"m\",\"quantity\":99999999999999999999999}"),
                post(key, "b6", "{\"metric\":\"m\",\"quantity\":1,\"timestamp\":\"yesterday\"}"),
                post(key, "b7", "{\"metric\":\"m\",\"quantity\":1,\"timestamp\":\"2026-02-01T00:00:00Z\"}"),
                post(key, "b8", "{\"metric\":\"m\",\"quantity\":1,\"timestamp\":\"2026-03-01T12:06:00Z\"}"),
                post(key, "b9", "{\"metric\":\"m\",\"quantity\":1,\"properties\":{\"x\":\"" + "y".repeat(5000)
                        + "\"}}"),
                post(key, "b10", "{\"metric\":\"Bad Metric\",\"quantity\":1}"),
                post(key, "b11", "[1,2]"),
                post(key, "b12", "{bad json"),
                post(key, "b13", ""),
                post(key, "has space", "{\"metric\":\"m\",\"quantity\":1}"),
                post(key, "x".repeat(256), "{\"metric\":\"m\",\"quantity\":1}"),
                post(key, "b14", "{\"metric\":\"m\",\"quantity\":1,\"properties\":{\"n\":1e400}}"),
                app.http().post("/usage/events").bearer(key.secret()).header("Idempotency-Key", "b15")
                        .body("text/plain", "metric".getBytes()).send());

        assertThat(replies).allSatisfy((reply) -> {
            assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        });
        assertThat(fields(replies.get(0))).containsExactlyInAnyOrder("metric", "quantity", "timestamp",
                "properties");
        assertThat(eventCount(key)).isZero();
    }

    @Test
    void eventsNeedAnApiKey() {
        Account owner = accounts.register();

        Reply session = app.http().post("/usage/events").bearer(owner.token()).header("Idempotency-Key", "s1")
                .json("{\"metric\":\"m\",\"quantity\":1}").send();
        Reply none = app.http().post("/usage/events").header("Idempotency-Key", "s1")
                .json("{\"metric\":\"m\",\"quantity\":1}").send();

        assertThat(session.status()).isEqualTo(401);
        assertThat(none.status()).isEqualTo(401);
    }

    private static Reply post(Keys key, String idempotencyKey, String body) {
        Http.Call call = app.http().post("/usage/events").bearer(key.secret())
                .header("Idempotency-Key", idempotencyKey);
        return call.json(body).send();
    }

    private static List<String> fields(Reply reply) {
        List<String> fields = new ArrayList<>();
        reply.json().get("errors").forEach((error) -> fields.add(error.get("field").stringValue()));
        return fields;
    }

    private static long eventCount(Keys key) {
        return JdbcClient.create(app.database().dataSource())
                .sql("select count(*) from usage_event where api_key_id = cast(:key as uuid)")
                .param("key", key.id()).query(Long.class).single();
    }
}
