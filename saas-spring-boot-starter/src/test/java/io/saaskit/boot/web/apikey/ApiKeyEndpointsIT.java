package io.saaskit.boot.web.apikey;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import io.saaskit.boot.web.support.JsonTimestamps;
import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.apikey.ApiKeyFormat;
import io.saaskit.core.testing.ApiKeyFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API keys over real HTTP against PostgreSQL: the {@code /api-keys} endpoints, and the authentication of API-key
 * routes through the test route {@code GET /test/k-route}. One application serves every test; each test uses its
 * own accounts and keys. The per-key limit is 60 per minute here.
 */
class ApiKeyEndpointsIT {

    private static final String KEY_FORMAT = "^ak_[0-9A-Za-z]{38}$";

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private static final int LIMIT = 60;

    private static RunningApp app;

    private static Accounts accounts;

    private static ApiKeyCalls keys;

    private static JdbcClient database;

    @BeforeAll
    static void start() {
        app = RunningApp.start(ApiKeyTestRoutes.SOURCE, "saaskit.rate-limit.api-key.limit=" + LIMIT,
                "saaskit.rate-limit.api-key.window=60s");
        accounts = new Accounts(app);
        keys = new ApiKeyCalls(app);
        database = JdbcClient.create(app.database().dataSource());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- creation and listing ---

    @Test
    void createdSecretHasTheFormatAValidChecksumAndItsPrefix() {
        Account owner = accounts.register();

        ApiKeyCalls.Created created = keys.create(owner, "ci-deploy");

        JsonNode body = created.body();
        assertThat(body.propertyNames()).containsExactly("id", "name", "prefix", "secret", "createdAt", "expiresAt");
        assertThat(created.secret()).matches(KEY_FORMAT);
        assertThat(ApiKeyFormat.isWellFormed(created.secret())).isTrue();
        assertThat(created.prefix()).isEqualTo(created.secret().substring(0, 12));
        assertThat(body.get("name").stringValue()).isEqualTo("ci-deploy");
        assertThat(body.get("createdAt").stringValue()).matches(TIMESTAMP);
        assertThat(body.get("expiresAt").isNull()).isTrue();
        assertThat(UUID.fromString(created.id()).version()).isEqualTo(7);
    }

    @Test
    void listNeverShowsTheSecretAndNoColumnAnywhereHoldsIt() {
        Account owner = accounts.register();
        ApiKeyCalls.Created created = keys.create(owner, "never-shown");
        String secretPart = created.secret().substring(12);

        Reply list = keys.list(owner);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(secretPart).contains(created.prefix());
        JsonNode item = list.json().get(0);
        assertThat(item.propertyNames()).containsExactly("id", "name", "prefix", "createdAt", "lastUsedAt",
                "revokedAt", "expiresAt");
        for (String table : database.sql("""
                select table_name from information_schema.tables
                 where table_schema = current_schema() and table_type = 'BASE TABLE'
                """).query(String.class).list()) {
            long holding = database.sql("select count(*) from " + table + " t where t::text like :pattern")
                    .param("pattern", "%" + secretPart + "%").query(Long.class).single();
            assertThat(holding).as("rows of %s holding the secret", table).isZero();
        }
        String stored = database.sql("select key_hash from api_key where id = :id")
                .param("id", UUID.fromString(created.id())).query(String.class).single();
        assertThat(stored).matches("[0-9a-f]{64}");
    }

    @Test
    void listIsNewestFirstWithRevokedKeysAndOnlyTheOrganizationsOwn() {
        Account owner = accounts.register();
        ApiKeyCalls.Created first = keys.create(owner, "first");
        app.clock().advanceSeconds(1);
        ApiKeyCalls.Created second = keys.create(owner, "second");
        keys.create(accounts.register(), "someone-elses");
        keys.revoke(owner, first.id());

        JsonNode list = keys.list(owner).json();

        assertThat(list).extracting((item) -> item.get("id").stringValue()).containsExactly(second.id(), first.id());
        assertThat(list.get(0).get("revokedAt").isNull()).isTrue();
        assertThat(list.get(1).get("revokedAt").stringValue()).matches(TIMESTAMP);
    }

    @Test
    void keyWithExpiryReportsItAndExpiryInThePastOrTooFarIsRefused() {
        Account owner = accounts.register();
        Instant now = app.clock().instant();
        Instant expiresAt = now.plusSeconds(86_400);

        ApiKeyCalls.Created created = keys.createWith(owner,
                "{\"name\":\"expiring\",\"expiresAt\":\"" + expiresAt + "\"}");
        Reply past = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .json("{\"name\":\"past\",\"expiresAt\":\"" + now.minusSeconds(1) + "\"}").send();
        Reply tooFar = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .json("{\"name\":\"far\",\"expiresAt\":\"" + now.plusSeconds(6L * 366 * 86_400) + "\"}").send();
        Reply garbage = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .json("{\"name\":\"bad name\",\"expiresAt\":\"next tuesday\"}").send();

        assertThat(created.body().get("expiresAt").stringValue()).isEqualTo(JsonTimestamps.format(expiresAt));
        for (Reply refused : List.of(past, tooFar)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.json().get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.json().get("errors")).extracting((e) -> e.get("field").stringValue())
                    .containsExactly("expiresAt");
        }
        assertThat(garbage.json().get("errors")).extracting((e) -> e.get("field").stringValue())
                .containsExactlyInAnyOrder("name", "expiresAt");
        assertThat(keys.list(owner).json()).hasSize(1);
    }

    // --- authentication of API-key routes ---

    @Test
    void validKeyAuthenticatesWithOrWithoutItsOrganizationHeader() {
        Account owner = accounts.register();
        ApiKeyCalls.Created created = keys.create(owner, "caller");

        Reply without = keys.callKRoute(created.secret());
        Reply with = keys.callKRoute(created.secret(), owner.orgId());

        for (Reply reply : List.of(without, with)) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(reply.json().get("orgId").stringValue()).isEqualTo(owner.orgId());
            assertThat(reply.json().get("apiKeyId").stringValue()).isEqualTo(created.id());
            assertThat(reply.json().get("prefix").stringValue()).isEqualTo(created.prefix());
        }
    }

    @Test
    void bearerSchemeIsCaseInsensitiveAndOtherSchemesCountAsMissing() {
        Account owner = accounts.register();
        String secret = keys.create(owner, "schemes").secret();

        Reply lower = app.http().get(ApiKeyTestRoutes.K_ROUTE).header("Authorization", "bearer " + secret).send();
        Reply upper = app.http().get(ApiKeyTestRoutes.K_ROUTE).header("Authorization", "BEARER  " + secret).send();
        Reply basic = app.http().get(ApiKeyTestRoutes.K_ROUTE).header("Authorization", "Basic " + secret).send();
        Reply missing = keys.callKRoute(null);

        assertThat(lower.status()).isEqualTo(200);
        assertThat(upper.status()).isEqualTo(200);
        for (Reply reply : List.of(basic, missing)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.mediaType()).isEqualTo("application/problem+json");
            assertThat(reply.json().get("code").stringValue()).isEqualTo("UNAUTHORIZED");
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Missing API key");
        }
    }

    @Test
    void invalidMalformedRevokedExpiredAndCrossOrganizationKeysGetByteIdenticalBodies() {
        Account owner = accounts.register();
        Account other = accounts.register();
        String valid = keys.create(owner, "valid").secret();
        ApiKeyCalls.Created revoked = keys.create(owner, "revoked");
        assertThat(keys.callKRoute(revoked.secret()).status()).isEqualTo(200);
        keys.revoke(owner, revoked.id());
        Instant expiresAt = app.clock().instant().plusSeconds(2);
        String expired = keys.createWith(owner, "{\"name\":\"expired\",\"expiresAt\":\"" + expiresAt + "\"}").secret();
        assertThat(keys.callKRoute(expired).status()).isEqualTo(200);
        app.clock().advanceSeconds(3);

        List<Reply> refusals = new ArrayList<>();
        refusals.add(keys.callKRoute(ApiKeyFixtures.secret()));
        refusals.add(keys.callKRoute("ak_" + "x".repeat(38)));
        refusals.add(keys.callKRoute(changedCharacter(valid)));
        refusals.add(keys.callKRoute(revoked.secret()));
        refusals.add(keys.callKRoute(expired));
        refusals.add(keys.callKRoute(valid, other.orgId()));
        refusals.add(keys.callKRoute(valid, "not-a-uuid"));
        refusals.add(keys.callKRoute(other.token()));

        String expected = refusals.get(0).bodyWithoutRequestId();
        assertThat(refusals.get(0).json().get("detail").stringValue()).isEqualTo("Invalid API key");
        for (Reply refusal : refusals) {
            assertThat(refusal.status()).isEqualTo(401);
            assertThat(refusal.mediaType()).isEqualTo("application/problem+json");
            assertThat(refusal.bodyWithoutRequestId()).isEqualTo(expected);
            assertThat(refusal.header("RateLimit")).isNull();
        }
        assertThat(keys.callKRoute(valid).status()).as("the valid key still works").isEqualTo(200);
    }

    @Test
    void keyWithOneCharacterChangedIsRefusedWithoutAnyDatabaseQuery() {
        Account owner = accounts.register();
        String secret = keys.create(owner, "typo").secret();
        StatementRecorder recorder = app.bean(StatementRecorder.class);
        int mark = recorder.requestStatements().size();

        Reply reply = keys.callKRoute(changedCharacter(secret));

        assertThat(reply.status()).isEqualTo(401);
        assertThat(recorder.requestSqlSince(mark)).isEmpty();
        assertThat(keys.callKRoute(secret).status()).isEqualTo(200);
        assertThat(recorder.requestSqlSince(mark)).as("the recorder sees the queries of a real lookup").isNotEmpty();
    }

    @Test
    void repeatedGarbageKeyCostsOneDatabaseQueryAtMost() {
        String garbage = ApiKeyFixtures.secret();
        StatementRecorder recorder = app.bean(StatementRecorder.class);
        int mark = recorder.requestStatements().size();

        assertThat(keys.callKRoute(garbage).status()).isEqualTo(401);
        int afterFirst = recorder.requestStatements().size();
        for (int i = 0; i < 20; i++) {
            assertThat(keys.callKRoute(garbage).status()).isEqualTo(401);
        }

        assertThat(recorder.requestSqlSince(mark)).filteredOn((sql) -> sql.contains("key_hash")).hasSize(1);
        assertThat(recorder.requestSqlSince(afterFirst)).isEmpty();
    }

    @Test
    void cachedKeyCostsNoQueryPerRequest() {
        Account owner = accounts.register();
        String secret = keys.create(owner, "busy").secret();
        assertThat(keys.callKRoute(secret).status()).isEqualTo(200);
        StatementRecorder recorder = app.bean(StatementRecorder.class);
        int mark = recorder.requestStatements().size();

        for (int i = 0; i < 20; i++) {
            assertThat(keys.callKRoute(secret).status()).isEqualTo(200);
        }

        assertThat(recorder.requestSqlSince(mark)).isEmpty();
    }

    @Test
    void lastUsedAtIsWrittenOnceForFiftyCallsAndAdvancesAfterSixtyOneSeconds() {
        Account owner = accounts.register();
        ApiKeyCalls.Created created = keys.create(owner, "last-used");
        StatementRecorder recorder = app.bean(StatementRecorder.class);
        int mark = recorder.requestStatements().size();
        Instant firstCall = app.clock().instant();

        for (int i = 0; i < 50; i++) {
            assertThat(keys.callKRoute(created.secret()).status()).isEqualTo(200);
            app.clock().advance(Duration.ofMillis(900));
        }

        assertThat(lastUseWrites(recorder, mark)).isEqualTo(1);
        assertThat(lastUsedAt(created.id())).isEqualTo(firstCall);
        assertThat(keys.list(owner).json().get(0).get("lastUsedAt").stringValue()).matches(TIMESTAMP);

        app.clock().set(firstCall.plusSeconds(61));
        assertThat(keys.callKRoute(created.secret()).status()).isEqualTo(200);

        assertThat(lastUseWrites(recorder, mark)).isEqualTo(2);
        assertThat(lastUsedAt(created.id())).isEqualTo(firstCall.plusSeconds(61));
    }

    @Test
    void perKeyRateLimitRefusesTheRequestAfterTheLimitWithTheDocumentedProblemAndHeaders() {
        Account owner = accounts.register();
        String secret = keys.create(owner, "limited").secret();
        String otherKey = keys.create(owner, "unaffected").secret();

        Reply first = keys.callKRoute(secret);
        for (int i = 1; i < LIMIT; i++) {
            assertThat(keys.callKRoute(secret).status()).isEqualTo(200);
        }
        Reply refused = keys.callKRoute(secret);

        assertThat(first.header("RateLimit-Policy")).isEqualTo("\"api_key\";q=60;w=60");
        assertThat(first.header("RateLimit")).isEqualTo("\"api_key\";r=59;t=60");
        assertThat(first.json().get("rateLimits").intValue()).isEqualTo(1);
        assertThat(refused.status()).isEqualTo(429);
        JsonNode problem = refused.json();
        assertThat(problem.get("code").stringValue()).isEqualTo("RATE_LIMIT");
        assertThat(problem.get("detail").stringValue()).isEqualTo("API key rate limit exceeded");
        assertThat(problem.get("scope").stringValue()).isEqualTo("api_key");
        assertThat(problem.get("limit").longValue()).isEqualTo(LIMIT);
        assertThat(problem.get("windowSec").longValue()).isEqualTo(60);
        assertThat(problem.get("retryAfterSec").longValue()).isBetween(1L, 60L);
        assertThat(refused.header("Retry-After")).isEqualTo(problem.get("retryAfterSec").asString());
        assertThat(refused.header("RateLimit-Policy")).isEqualTo("\"api_key\";q=60;w=60");
        assertThat(refused.header("RateLimit")).startsWith("\"api_key\";r=0;t=");
        assertThat(keys.callKRoute(otherKey).status()).isEqualTo(200);
    }

    @Test
    void sessionTokensNeverAuthenticateApiKeyRoutesNorKeysSessionRoutes() {
        Account owner = accounts.register();
        String secret = keys.create(owner, "not-a-session").secret();

        Reply sessionOnKRoute = keys.callKRoute(owner.token());
        Reply cookieOnKRoute = app.http().get(ApiKeyTestRoutes.K_ROUTE).cookie(owner.token()).send();
        Reply keyOnSessionRoute = app.http().get("/org").bearer(secret).send();
        Reply keyOnApiKeysRoute = app.http().get("/api-keys").bearer(secret).send();

        assertThat(sessionOnKRoute.status()).isEqualTo(401);
        assertThat(sessionOnKRoute.json().get("detail").stringValue()).isEqualTo("Invalid API key");
        assertThat(cookieOnKRoute.status()).isEqualTo(401);
        assertThat(cookieOnKRoute.json().get("detail").stringValue()).isEqualTo("Missing API key");
        for (Reply reply : List.of(keyOnSessionRoute, keyOnApiKeysRoute)) {
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("Invalid session");
        }
    }

    // --- revocation ---

    @Test
    void revokedKeyIsRefusedOnTheNextRequestAndRevokingAgainChangesNothing() {
        Account owner = accounts.register();
        ApiKeyCalls.Created created = keys.create(owner, "to-revoke");
        assertThat(keys.callKRoute(created.secret()).status()).isEqualTo(200);

        Reply revoke = keys.revoke(owner, created.id());
        Reply next = keys.callKRoute(created.secret());
        String revokedAt = keys.list(owner).json().get(0).get("revokedAt").stringValue();
        app.clock().advanceSeconds(30);
        Reply again = keys.revoke(owner, created.id());

        assertThat(revoke.status()).isEqualTo(200);
        assertThat(revoke.json().toString()).isEqualTo("{\"ok\":true}");
        assertThat(next.status()).isEqualTo(401);
        assertThat(again.status()).isEqualTo(200);
        assertThat(keys.list(owner).json().get(0).get("revokedAt").stringValue()).isEqualTo(revokedAt);
        assertThat(auditActions(owner.orgId())).containsExactly("apiKey.create", "apiKey.revoke");
    }

    @Test
    void anotherOrganizationsKeyUnknownAndMalformedIdsAreNotFound() {
        Account owner = accounts.register();
        Account other = accounts.register();
        ApiKeyCalls.Created foreign = keys.create(other, "foreign");

        List<Reply> replies = List.of(keys.revoke(owner, foreign.id()),
                keys.revoke(owner, UUID.randomUUID().toString()), keys.revoke(owner, "not-a-uuid"));

        for (Reply reply : replies) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.json().get("detail").stringValue()).isEqualTo("API key not found");
        }
        assertThat(keys.callKRoute(foreign.secret()).status()).isEqualTo(200);
        assertThat(auditActions(other.orgId())).containsExactly("apiKey.create");
    }

    // --- audit ---

    @Test
    void creationAndRevocationAreAuditedWithTheRequestContextAndTheActor() {
        Account owner = accounts.register();
        Reply create = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .header("X-Request-Id", "req-create-1").header("User-Agent", "audit-test/1.0")
                .json("{\"name\":\"audited\"}").send();
        String keyId = create.json().get("id").stringValue();
        String prefix = create.json().get("prefix").stringValue();
        app.clock().advanceSeconds(1);
        app.http().delete("/api-keys/" + keyId).bearer(owner.token()).org(owner.orgId())
                .header("X-Request-Id", "req-revoke-1").header("User-Agent", "audit-test/2.0").send();

        List<Map<String, Object>> rows = database.sql("""
                select action, actor_type, actor_user_id::text as actor_user_id, actor_api_key_id, target_type,
                       target_id, request_id, ip, user_agent, metadata::text as metadata
                  from audit_log where org_id = :orgId and action like 'apiKey.%' order by created_at, id
                """).param("orgId", UUID.fromString(owner.orgId())).query().listOfRows();

        assertThat(rows).hasSize(2);
        Map<String, Object> created = rows.get(0);
        assertThat(created).containsEntry("action", "apiKey.create").containsEntry("actor_type", "user")
                .containsEntry("actor_user_id", owner.userId()).containsEntry("actor_api_key_id", null)
                .containsEntry("target_type", "api_key").containsEntry("target_id", keyId)
                .containsEntry("request_id", "req-create-1").containsEntry("ip", "127.0.0.1")
                .containsEntry("user_agent", "audit-test/1.0");
        assertThat((String) created.get("metadata")).contains("\"name\": \"audited\"")
                .contains("\"prefix\": \"" + prefix + "\"").contains("\"requestId\": \"req-create-1\"")
                .contains("\"ip\": \"127.0.0.1\"").contains("\"userAgent\": \"audit-test/1.0\"");
        assertThat(rows.get(1)).containsEntry("action", "apiKey.revoke").containsEntry("target_id", keyId)
                .containsEntry("request_id", "req-revoke-1").containsEntry("user_agent", "audit-test/2.0")
                .containsEntry("actor_user_id", owner.userId());
    }

    // --- permissions ---

    static Stream<Arguments> everyRoleAndEndpoint() {
        return Stream.of("OWNER", "ADMIN", "MEMBER", "BILLING", "READONLY")
                .flatMap((role) -> Stream.of("list", "create", "revoke").map((endpoint) -> Arguments.of(role,
                        endpoint)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRoleAndEndpoint")
    void eachRoleGetsExactlyWhatTheMatrixGrants(String role, String endpoint) {
        Account owner = accounts.register();
        Account caller = owner;
        if (!role.equals("OWNER")) {
            caller = accounts.register();
            accounts.addMember(owner, caller, role);
            caller = caller.withToken(accounts.login(caller).json().get("sessionToken").stringValue());
        }
        Account inOwnersOrg = new Account(caller.email(), caller.password(), caller.userId(), owner.orgId(),
                caller.token());
        ApiKeyCalls.Created target = keys.create(owner, "target");

        Reply reply = switch (endpoint) {
            case "list" -> keys.list(inOwnersOrg);
            case "create" -> app.http().post("/api-keys").bearer(inOwnersOrg.token()).org(owner.orgId())
                    .json("{\"name\":\"by-" + role.toLowerCase() + "\"}").send();
            default -> keys.revoke(inOwnersOrg, target.id());
        };

        boolean granted = Set.of("OWNER", "ADMIN", "BILLING").contains(role);
        if (granted) {
            assertThat(reply.status()).as(role + " " + endpoint + ": " + reply).isBetween(200, 201);
        }
        else {
            assertThat(reply.status()).as(role + " " + endpoint + ": " + reply).isEqualTo(403);
            assertThat(reply.json().get("requiredPermission").stringValue())
                    .isEqualTo("apiKeys." + ("list".equals(endpoint) ? "read" : endpoint));
            assertThat(keys.callKRoute(target.secret()).status()).as("nothing was revoked").isEqualTo(200);
            assertThat(keys.list(owner).json()).as("nothing was created").hasSize(1);
        }
    }

    private static String changedCharacter(String secret) {
        char original = secret.charAt(20);
        return secret.substring(0, 20) + ((original == 'a') ? 'b' : 'a') + secret.substring(21);
    }

    private static long lastUseWrites(StatementRecorder recorder, int mark) {
        return recorder.requestSqlSince(mark).stream().filter((sql) -> sql.contains("set last_used_at")).count();
    }

    private static Instant lastUsedAt(String keyId) {
        return database.sql("select last_used_at from api_key where id = :id").param("id", UUID.fromString(keyId))
                .query(OffsetDateTime.class).single().toInstant();
    }

    private static List<String> auditActions(String orgId) {
        return database.sql("select action from audit_log where org_id = :orgId and action like 'apiKey.%' "
                + "order by created_at, id")
                .param("orgId", UUID.fromString(orgId)).query(String.class).list();
    }
}
