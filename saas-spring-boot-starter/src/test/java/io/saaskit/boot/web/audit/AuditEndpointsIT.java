package io.saaskit.boot.web.audit;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.boot.web.testing.Account;
import io.saaskit.boot.web.testing.Accounts;
import io.saaskit.boot.web.testing.Reply;
import io.saaskit.boot.web.testing.RunningApp;
import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.audit.AuditRetentionJobHandler;
import io.saaskit.core.audit.port.AuditSink;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.tenancy.OrgId;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit endpoints over HTTP against PostgreSQL: what is recorded, who may read it, filters and keyset paging
 * under concurrent writes, exports (CSV parsed back with an independent RFC 4180 reader), tamper detection,
 * retention and bad input.
 */
class AuditEndpointsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String HASH = "[0-9a-f]{64}";

    private static RunningApp app;

    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = RunningApp.start("saaskit.audit.export.limit=3", "saaskit.audit.export.window=1h");
        accounts = new Accounts(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- what is recorded ---

    @Test
    void keyCreationRevocationAndRoleChangeAreAuditedWithTheRequest() {
        Account owner = accounts.register();
        Account member = accounts.register();
        String membership = accounts.addMember(owner, member, "MEMBER");
        Reply created = app.http().post("/api-keys").bearer(owner.token()).org(owner.orgId())
                .header("X-Request-Id", "abc-123").header("User-Agent", "audit-test/1.0")
                .json("{\"name\":\"audit_key\"}").send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(app.http().patch("/org/members/" + membership).bearer(owner.token()).org(owner.orgId())
                .json("{\"role\":\"READONLY\"}").send().status()).isEqualTo(200);
        assertThat(app.http().delete("/api-keys/" + created.json().get("id").stringValue()).bearer(owner.token())
                .org(owner.orgId()).send().status()).isEqualTo(200);

        JsonNode items = get(owner, "/audit").json().get("items");

        assertThat(actions(items)).containsSubsequence("apiKey.revoke", "org.member.update", "apiKey.create",
                "org.member.add", "auth.register");
        JsonNode create = item(items, "apiKey.create");
        assertThat(create.get("requestId").stringValue()).isEqualTo("abc-123");
        assertThat(create.get("userAgent").stringValue()).isEqualTo("audit-test/1.0");
        assertThat(create.get("ip").stringValue()).isNotBlank();
        assertThat(create.get("actorType").stringValue()).isEqualTo("user");
        assertThat(create.get("actorUserId").stringValue()).isEqualTo(owner.userId());
        assertThat(create.get("metadata").get("requestId").stringValue()).isEqualTo("abc-123");
        assertThat(create.toString()).doesNotContain(created.json().get("secret").stringValue());
        JsonNode update = item(items, "org.member.update");
        assertThat(update.get("targetType").stringValue()).isEqualTo("membership");
        assertThat(update.get("targetId").stringValue()).isEqualTo(membership);
        assertThat(update.get("metadata").get("role").stringValue()).isEqualTo("READONLY");
        assertThat(update.get("metadata").get("previousRole").stringValue()).isEqualTo("MEMBER");
        assertThat(items).allSatisfy((item) -> {
            assertThat(item.get("orgId").stringValue()).isEqualTo(owner.orgId());
            assertThat(item.get("hash").stringValue()).matches(HASH);
            assertThat(item.get("createdAt").stringValue()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        });
    }

    @Test
    void authEventsAreAuditedInTheUsersOrganizationAndUnknownEmailsNowhere() {
        Account owner = accounts.register();
        Reply wrong = app.http().post("/auth/login")
                .json("{\"email\":\"" + owner.email() + "\",\"password\":\"Wr0ng!Password\"}").send();
        Reply unknown = app.http().post("/auth/login")
                .json("{\"email\":\"nobody-" + UUID.randomUUID() + "@example.com\",\"password\":\"x\"}").send();
        String token = accounts.login(owner).json().get("sessionToken").stringValue();
        Reply created = app.http().post("/org").bearer(token).json("{\"name\":\"Second Org\"}").send();
        app.http().post("/auth/logout").bearer(token).org(UUID.randomUUID().toString()).send();

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(created.status()).isEqualTo(201);
        assertThat(actions(get(owner, "/audit").json().get("items"))).containsExactly("auth.logout",
                "auth.login.success", "auth.login.failure", "auth.register");
        String second = created.json().get("org").get("id").stringValue();
        assertThat(actions(app.http().get("/audit").bearer(owner.token()).org(second).send().json().get("items")))
                .containsExactly("org.create");
    }

    // --- who may read ---

    @ParameterizedTest
    @CsvSource({ "MEMBER, 403", "READONLY, 403", "BILLING, 403", "ADMIN, 200" })
    void onlyOwnersAndAdminsReadTheAuditLog(String role, int status) {
        Account owner = accounts.register();
        Account caller = accounts.register();
        accounts.addMember(owner, caller, role);

        for (String path : List.of("/audit", "/audit?format=csv", "/audit/verify", "/admin/audit")) {
            Reply reply = app.http().get(path).bearer(caller.token()).org(owner.orgId()).send();
            assertThat(reply.status()).as(path).isEqualTo(status);
            if (status == 403) {
                assertThat(reply.mediaType()).isEqualTo("application/problem+json");
                assertThat(reply.json().get("requiredPermission").stringValue()).isEqualTo("audit.read");
            }
        }
    }

    @Test
    void anotherOrganizationsLogIsOutOfReach() {
        Account owner = accounts.register();
        Account stranger = accounts.register();
        String foreignId = get(stranger, "/audit").json().get("items").get(0).get("id").stringValue();

        for (String path : List.of("/audit", "/audit?format=ndjson", "/audit/verify", "/admin/audit")) {
            Reply reply = app.http().get(path).bearer(owner.token()).org(stranger.orgId()).send();
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.body()).doesNotContain(foreignId);
        }
        Reply foreignCursor = get(owner, "/audit?cursor=" + foreignId);
        assertThat(foreignCursor.status()).isEqualTo(400);
        assertThat(foreignCursor.json().get("errors").get(0).get("field").stringValue()).isEqualTo("cursor");
        assertThat(get(owner, "/audit").body()).doesNotContain(foreignId).doesNotContain(stranger.orgId());
        assertThat(get(owner, "/admin/audit").body()).doesNotContain(stranger.orgId());
        assertThat(get(owner, "/audit?format=json").body()).doesNotContain(stranger.orgId());
    }

    // --- filters and paging ---

    @Test
    void filtersReturnExactlyTheMatchingRowsNewestFirst() {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        Instant t0 = Instant.parse("2030-01-01T00:00:00Z");
        record(org, alice, "auth.login.success", "user", t0);
        record(org, bob, "auth.logout", "user", t0.plusSeconds(3600));
        record(org, alice, "apiKey.create", "api_key", t0.plusSeconds(7200));
        record(org, bob, "authx.other", "api_key", t0.plusSeconds(86_400));

        assertThat(actions(owner, "/audit?action=auth.*&from=2030-01-01")).containsExactly("auth.logout",
                "auth.login.success");
        assertThat(actions(owner, "/audit?action=auth.logout")).containsExactly("auth.logout");
        assertThat(actions(owner, "/audit?actorUserId=" + alice)).containsExactly("apiKey.create",
                "auth.login.success");
        assertThat(actions(owner, "/audit?targetType=api_key")).containsExactly("authx.other", "apiKey.create");
        assertThat(actions(owner, "/audit?from=2030-01-01T01:00:00.000Z&to=2030-01-02")).containsExactly(
                "apiKey.create", "auth.logout");
        assertThat(actions(owner, "/audit?from=2030-01-01T00:00:00Z&to=2030-01-01T00:00:00Z")).isEmpty();
        assertThat(actions(owner, "/audit?action=apiKey.create&actorUserId=" + bob)).isEmpty();
    }

    @Test
    void cursorPagingHasNoDuplicatesOrGapsWhileRowsAreWritten() throws Exception {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        for (int i = 0; i < 250; i++) {
            record(org, UUID.randomUUID(), "load.row", "thing", app.clock().instant());
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        Thread writer = new Thread(() -> {
            while (writing.get()) {
                record(org, UUID.randomUUID(), "load.row", "thing", app.clock().instant());
                written.incrementAndGet();
            }
        });
        writer.start();
        List<Long> seqs = new ArrayList<>();
        try {
            String cursor = null;
            do {
                JsonNode page = get(owner, "/audit?action=load.row&limit=37"
                        + ((cursor != null) ? "&cursor=" + cursor : "")).json();
                page.get("items").forEach((item) -> seqs.add(item.get("seq").longValue()));
                cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").stringValue();
            }
            while (cursor != null);
        }
        finally {
            writing.set(false);
            writer.join();
        }

        assertThat(written.get()).isPositive();
        assertThat(new HashSet<>(seqs)).hasSameSizeAs(seqs);
        long top = seqs.get(0);
        // The org's first row is auth.register (seq 1), so load.row rows are numbered 2..top without gaps.
        assertThat(seqs).hasSize((int) top - 1).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(seqs.get(seqs.size() - 1)).isEqualTo(2L);
        assertThat(top).isGreaterThanOrEqualTo(251);
    }

    // --- exports ---

    @Test
    void csvExportOfAHostileTargetOpensAsOneSafeRow() throws IOException {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        String target = "=HYPERLINK(\"http://evil.example\",\"click\"), with, commas\r\nand \"quotes\"";
        app.bean(AuditSink.class).record(org, AuditEntry.of(org, Actor.user(UUID.fromString(owner.userId())),
                "hostile.row", "thing", target, Map.of("note", "=cmd|' /C calc'!A0"),
                new RequestContext("req-hostile", new ClientInfo("198.51.100.9", "+agent")), app.clock().instant()));

        Reply export = get(owner, "/audit?format=csv&action=hostile.row");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.mediaType()).isEqualTo("text/csv");
        assertThat(export.header("Content-Disposition"))
                .matches("attachment; filename=\"audit-" + owner.orgId() + "-\\d{8}T\\d{6}Z\\.csv\"");
        assertThat(export.header("X-Audit-Chain-Head")).matches("\\d+:" + HASH);
        List<CSVRecord> rows;
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(export.body()))) {
            assertThat(parser.getHeaderNames()).containsExactly("id", "seq", "createdAt", "orgId", "action",
                    "actorType", "actorUserId", "actorApiKeyId", "targetType", "targetId", "ip", "userAgent",
                    "requestId", "metadata", "hash");
            rows = parser.getRecords();
        }
        assertThat(rows).singleElement().satisfies((row) -> {
            assertThat(row.get("targetId")).isEqualTo("'" + target);
            assertThat(row.get("userAgent")).isEqualTo("'+agent");
            assertThat(row.get("action")).isEqualTo("hostile.row");
            assertThat(JSON.readTree(row.get("metadata")).get("note").stringValue()).isEqualTo("=cmd|' /C calc'!A0");
            assertThat(row.get("metadata")).startsWith("{");
            assertThat(row.values()).noneMatch((cell) -> !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0);
        });
    }

    @Test
    void jsonAndNdjsonExportsCarryEveryRowAndTheChainHeadAndAreAudited() {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        for (int i = 0; i < 2_100; i++) {
            record(org, UUID.randomUUID(), "bulk.row", "thing", app.clock().instant());
        }

        Reply json = get(owner, "/audit?format=json&action=bulk.*");
        Reply ndjson = get(owner, "/audit?format=ndjson&action=bulk.row&limit=1500");

        JsonNode document = json.json();
        assertThat(json.mediaType()).isEqualTo("application/json");
        assertThat(document.get("orgId").stringValue()).isEqualTo(owner.orgId());
        assertThat(document.get("filters").get("action").stringValue()).isEqualTo("bulk.*");
        assertThat(document.get("items").size()).isEqualTo(2_100);
        assertThat(document.get("chainHead").get("seq").longValue() + ":"
                + document.get("chainHead").get("hash").stringValue()).isEqualTo(json.header("X-Audit-Chain-Head"));
        List<Long> seqs = new ArrayList<>();
        document.get("items").forEach((item) -> seqs.add(item.get("seq").longValue()));
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        String[] lines = ndjson.body().split("\n");
        assertThat(ndjson.mediaType()).isEqualTo("application/x-ndjson");
        assertThat(lines).hasSize(1 + 1_500);
        assertThat(JSON.readTree(lines[0]).get("type").stringValue()).isEqualTo("manifest");
        assertThat(JSON.readTree(lines[0]).get("chainHead").get("hash").stringValue()).matches(HASH);
        assertThat(JSON.readTree(lines[1]).get("type").stringValue()).isEqualTo("event");
        assertThat(JSON.readTree(lines[1]).get("prevHash").stringValue()).matches(HASH);
        JsonNode exported = get(owner, "/audit?action=audit.exported").json().get("items");
        assertThat(exported).hasSize(2);
        assertThat(exported.get(0).get("metadata").get("format").stringValue()).isEqualTo("ndjson");
        assertThat(exported.get(0).get("metadata").get("rowCount").longValue()).isEqualTo(1_500);
        assertThat(exported.get(1).get("metadata").get("rowCount").longValue()).isEqualTo(2_100);
        assertThat(exported.get(1).get("metadata").get("filters").get("action").stringValue()).isEqualTo("bulk.*");
    }

    @Test
    void headOfAnExportAnswersItsHeadersWithoutExporting() {
        Account owner = accounts.register();

        Reply head = app.http().head("/audit?format=csv").bearer(owner.token()).org(owner.orgId()).send();

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("X-Audit-Chain-Head")).matches("1:" + HASH);
        assertThat(head.header("Content-Disposition")).startsWith("attachment; filename=\"audit-");
        assertThat(actions(owner, "/audit?action=audit.exported")).isEmpty();
    }

    @Test
    void exportsAreRateLimitedPerUser() {
        Account owner = accounts.register();
        for (int i = 0; i < 3; i++) {
            assertThat(get(owner, "/audit?format=ndjson").status()).isEqualTo(200);
        }

        Reply limited = get(owner, "/audit?format=ndjson");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("code").stringValue()).isEqualTo("RATE_LIMIT");
        assertThat(limited.json().get("scope").stringValue()).isEqualTo("audit_export");
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(get(owner, "/audit").status()).isEqualTo(200);
    }

    // --- the hash chain ---

    @Test
    void verifyPassesAndThenReportsARowAlteredInTheDatabase() throws SQLException {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        for (int i = 0; i < 5; i++) {
            record(org, UUID.randomUUID(), "chained.row", "thing", app.clock().instant());
        }
        JsonNode intact = get(owner, "/audit/verify").json();
        assertThat(intact.get("ok").booleanValue()).isTrue();
        assertThat(intact.get("checked").longValue()).isEqualTo(6);
        assertThat(intact.get("head").get("seq").longValue()).isEqualTo(6);
        assertThat(intact.get("anchor").get("seq").longValue()).isZero();
        assertThat(intact.get("firstBroken").isNull()).isTrue();

        asSystem("update audit_log set metadata = jsonb_set(metadata, '{n}', '2') where org_id = ? and seq = 4",
                org);
        JsonNode broken = get(owner, "/audit/verify").json();

        assertThat(broken.get("ok").booleanValue()).isFalse();
        assertThat(broken.get("firstBroken").get("seq").longValue()).isEqualTo(4);
        assertThat(broken.get("firstBroken").get("reason").stringValue()).isEqualTo("hash_mismatch");
        assertThat(broken.get("firstBroken").get("id").stringValue()).isNotBlank();
        assertThat(get(owner, "/audit/verify").json().get("firstBroken").get("seq").longValue()).isEqualTo(4);
    }

    @Test
    void verifyReportsADeletedRowAsASeqGap() throws SQLException {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        for (int i = 0; i < 3; i++) {
            record(org, UUID.randomUUID(), "chained.row", "thing", app.clock().instant());
        }

        asSystem("delete from audit_log where org_id = ? and seq = 3", org);
        JsonNode broken = get(owner, "/audit/verify").json();

        assertThat(broken.get("ok").booleanValue()).isFalse();
        assertThat(broken.get("firstBroken").get("seq").longValue()).isEqualTo(4);
        assertThat(broken.get("firstBroken").get("reason").stringValue()).isEqualTo("seq_gap");
    }

    @Test
    void retentionRemovesOldRowsAndTheChainStillVerifiesFromTheAnchor() {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        for (int i = 0; i < 4; i++) {
            record(org, UUID.randomUUID(), "old.row", "thing", app.clock().instant());
        }
        app.clock().advance(Duration.ofDays(366));
        record(org, UUID.randomUUID(), "new.row", "thing", app.clock().instant());

        app.bean(AuditRetentionJobHandler.class).handle(new Job("1", "maintenance", "audit-retention", "{}", 1));
        // The session outlived its absolute lifetime with the clock; a new login is audited after the purge.
        Account again = owner.withToken(accounts.login(owner).json().get("sessionToken").stringValue());

        assertThat(actions(again, "/audit")).containsExactly("auth.login.success", "new.row");
        JsonNode verify = get(again, "/audit/verify").json();
        assertThat(verify.get("ok").booleanValue()).isTrue();
        assertThat(verify.get("anchor").get("seq").longValue()).isEqualTo(5);
        assertThat(verify.get("checked").longValue()).isEqualTo(2);
    }

    @Test
    void adminAuditIsABareArrayOfTheNewestHundred() {
        Account owner = accounts.register();
        OrgId org = orgId(owner);
        for (int i = 0; i < 105; i++) {
            record(org, UUID.randomUUID(), "row." + i, "thing", app.clock().instant());
        }

        JsonNode rows = get(owner, "/admin/audit").json();

        assertThat(rows.isArray()).isTrue();
        assertThat(rows.size()).isEqualTo(100);
        assertThat(rows.get(0).get("action").stringValue()).isEqualTo("row.104");
    }

    // --- bad input ---

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "limit=0|limit", "limit=101|limit", "limit=abc|limit",
            "cursor=not-a-cursor|cursor", "cursor=0190e6a4-0000-7000-8000-000000000000|cursor", "from=yesterday|from",
            "to=2026-13-01|to", "from=2026-03-02&to=2026-03-01|from", "actorUserId=42|actorUserId",
            "action=|action", "format=xml|format", "format=csv&cursor=x|cursor", "format=json&limit=0|limit",
            "format=ndjson&limit=1000001|limit", "targetType=|targetType" })
    void badParametersAreValidationProblems(String query, String field) {
        Account owner = accounts.register();

        Reply reply = get(owner, "/audit?" + query);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.mediaType()).isEqualTo("application/problem+json");
        assertThat(reply.json().get("code").stringValue()).isEqualTo("VALIDATION_FAILED");
        assertThat(reply.json().get("errors").findValuesAsString("field")).contains(field);
    }

    @Test
    void verifyAndAdminAuditIgnoreParametersAndBodies() {
        Account owner = accounts.register();

        assertThat(app.http().get("/audit/verify?limit=abc").bearer(owner.token()).header("Content-Type",
                "application/json").send().status()).isEqualTo(200);
        assertThat(get(owner, "/admin/audit?cursor=x").status()).isEqualTo(200);
        assertThat(app.http().post("/audit").bearer(owner.token()).json("{}").send().status()).isEqualTo(405);
        assertThat(app.http().delete("/audit").bearer(owner.token()).send().status()).isEqualTo(405);
        assertThat(app.http().get("/audit").send().status()).isEqualTo(401);
    }

    // --- helpers ---

    private static Reply get(Account caller, String path) {
        return app.http().get(path).bearer(caller.token()).org(caller.orgId()).send();
    }

    private static List<String> actions(Account caller, String path) {
        Reply reply = get(caller, path);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return actions(reply.json().get("items")).stream().filter((action) -> !action.equals("auth.register"))
                .toList();
    }

    private static List<String> actions(JsonNode items) {
        List<String> actions = new ArrayList<>();
        items.forEach((item) -> actions.add(item.get("action").stringValue()));
        return actions;
    }

    private static JsonNode item(JsonNode items, String action) {
        for (JsonNode item : items) {
            if (item.get("action").stringValue().equals(action)) {
                return item;
            }
        }
        throw new AssertionError("No " + action + " in " + items);
    }

    private static OrgId orgId(Account account) {
        return new OrgId(UUID.fromString(account.orgId()));
    }

    private static void record(OrgId org, UUID user, String action, String targetType, Instant at) {
        app.bean(AuditSink.class).record(org, AuditEntry.of(org, Actor.user(user), action, targetType,
                UUID.randomUUID().toString(), Map.of("n", 1, "text", "a,b"),
                new RequestContext("req-" + action, new ClientInfo("198.51.100.7", "loader")), at));
    }

    /** Runs one statement on a cross-tenant system connection, as an attacker with database access would. */
    private static void asSystem(String sql, OrgId org) throws SQLException {
        try (Connection connection = app.database().dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement system = connection.prepareStatement("select set_config('app.system', 'on', true)");
                    PreparedStatement statement = connection.prepareStatement(sql)) {
                system.execute();
                statement.setObject(1, org.value());
                assertThat(statement.executeUpdate()).isEqualTo(1);
            }
            connection.commit();
        }
    }
}
