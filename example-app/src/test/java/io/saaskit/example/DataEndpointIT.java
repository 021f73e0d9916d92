package io.saaskit.example;

import java.util.Map;

import io.saaskit.example.support.ApiClient;
import io.saaskit.example.support.ApiResponse;
import io.saaskit.example.support.RunningApp;
import io.saaskit.example.support.TestDatabase;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example app's metered {@code GET /data} end to end: API-key authentication, the answer, usage counted per
 * call and visible in {@code /usage}, session calls never metered, rejected and failed calls never billed
 * (scenarios 12, 13, 17, 18, 20, 69).
 */
class DataEndpointIT {

    private static TestDatabase database;

    private static RunningApp app;

    @BeforeAll
    static void start() {
        database = TestDatabase.create();
        app = RunningApp.start(Map.of("DATABASE_URL", database.jdbcUrl()));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void dataAnswersWithTheKeysOrganizationAndIsCountedInUsage() {
        Owner owner = Owner.register(app, "Data Org");

        ApiResponse data = owner.data();
        ApiResponse second = owner.data();

        assertThat(data.status()).as(data.toString()).isEqualTo(200);
        assertThat(data.json().get("orgId").stringValue()).isEqualTo(owner.orgId());
        assertThat(data.json().get("name").stringValue()).isEqualTo("Data Org");
        assertThat(data.header("RateLimit-Policy")).contains("\"api_key\"").contains("\"usage\";q=1000");
        assertThat(second.status()).isEqualTo(200);
        JsonNode usage = owner.session("/usage").json();
        assertThat(usage.get(0).get("metric").stringValue()).isEqualTo("api_requests");
        assertThat(usage.get(0).get("quantity").longValue()).isEqualTo(2);
        assertThat(owner.session("/usage/summary").json().get("used").longValue()).isEqualTo(2);
        assertThat(database.count("select count(*) from usage_event where org_id = ?::uuid", owner.orgId()))
                .isEqualTo(2);
    }

    @Test
    void sessionCallsAreNotMetered() {
        Owner owner = Owner.register(app, "Session Org");

        assertThat(owner.session("/org").status()).isEqualTo(200);
        assertThat(owner.session("/usage/summary").json().get("used").longValue()).isZero();
        assertThat(owner.session("/usage").json().size()).isZero();
    }

    @Test
    void aCallThatFailsWith5xxIsNotBilled() {
        Owner owner = Owner.register(app, "Failing Org");

        ApiResponse failed = owner.client().get("/data", "Authorization", "Bearer " + owner.key(),
                ForcedServerErrorAdvice.HEADER, "5xx");

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("forced test failure");
        assertThat(database.count("select count(*) from usage_event where org_id = ?::uuid", owner.orgId()))
                .isZero();
        assertThat(owner.session("/usage/summary").json().get("used").longValue()).isZero();
    }

    @Test
    void overTheLimitDataAnswersUsageLimitAndIsNotBilled() {
        Owner owner = Owner.register(app, "Tiny Org");
        ApiResponse override = owner.client().post("/admin/plan", "{\"plan\":\"tiny\",\"planLimit\":1}",
                "Authorization", "Bearer " + owner.token());

        ApiResponse first = owner.data();
        ApiResponse refused = owner.data();

        assertThat(override.status()).isEqualTo(200);
        assertThat(first.status()).isEqualTo(200);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().get("code").stringValue()).isEqualTo("USAGE_LIMIT");
        assertThat(refused.header("Retry-After")).isNotNull();
        assertThat(database.count("select count(*) from usage_event where org_id = ?::uuid", owner.orgId()))
                .isEqualTo(1);
    }

    @Test
    void invalidKeysAreRefused() {
        ApiClient client = ApiClient.withoutCookies(app.baseUri());

        assertThat(client.get("/data", "Authorization", "Bearer invalid_key").status()).isEqualTo(401);
        assertThat(client.get("/data").status()).isEqualTo(401);
    }

    /** An owner registered through the API, with a session token and an API key. */
    private record Owner(ApiClient client, String orgId, String token, String key) {

        static Owner register(RunningApp app, String orgName) {
            ApiClient client = ApiClient.withoutCookies(app.baseUri());
            String email = "owner-" + System.nanoTime() + "@example.com";
            ApiResponse registered = client.post("/auth/register", "{\"email\":\"" + email
                    + "\",\"password\":\"StrongPass1!\",\"orgName\":\"" + orgName + "\"}");
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            String token = registered.json().get("sessionToken").stringValue();
            ApiResponse key = client.post("/api-keys", "{\"name\":\"data_key\"}", "Authorization", "Bearer " + token);
            assertThat(key.status()).as(key.toString()).isEqualTo(201);
            return new Owner(client, registered.json().get("orgId").stringValue(), token,
                    key.json().get("secret").stringValue());
        }

        ApiResponse data() {
            return this.client.get("/data", "Authorization", "Bearer " + this.key);
        }

        ApiResponse session(String path) {
            ApiResponse response = this.client.get(path, "Authorization", "Bearer " + this.token);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
            return response;
        }
    }
}
