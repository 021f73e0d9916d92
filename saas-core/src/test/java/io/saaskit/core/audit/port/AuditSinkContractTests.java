package io.saaskit.core.audit.port;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.audit.ActorType;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link AuditSink} must show: every field and every JSON metadata value survives, rows stay
 * with their organization, and a row is never filed under another organization.
 *
 * <p>The port has no read method yet (reading arrives with the audit API), so implementations also say how to read
 * back what they recorded through {@link #recorded(OrgId)}. Every test creates its own organizations.
 */
public abstract class AuditSinkContractTests {

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The sink under test.
     * @return the sink
     */
    protected abstract AuditSink sink();

    /**
     * An organization repository on the same store (rows reference stored organizations).
     * @return the organization repository
     */
    protected abstract OrganizationRepository organizations();

    /**
     * Every row recorded for an organization, in the order recorded.
     * @param orgId the organization
     * @return the rows
     */
    protected abstract List<AuditEntry> recorded(OrgId orgId);

    @Test
    void everyFieldOfARowIsKept() {
        OrgId org = storedOrganization();
        UUID keyId = UUID.randomUUID();
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(1, "two", true));
        nested.put("decimal", new BigDecimal("12.5"));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", "ci-deploy");
        metadata.put("count", 3);
        metadata.put("big", 9_007_199_254_740_993L);
        metadata.put("flag", false);
        metadata.put("nothing", null);
        metadata.put("nested", nested);
        metadata.put("text", "quote \" backslash \\ newline \n unicode \u00e9\u2603");
        AuditEntry entry = AuditEntry.of(org, Actor.apiKey(keyId), "apiKey.use", "api_key", keyId.toString(),
                metadata, new RequestContext("req-1", new ClientInfo("198.51.100.4", "agent/1.0")),
                this.clock.instant());

        sink().record(org, entry);

        assertThat(recorded(org)).singleElement().satisfies((row) -> {
            assertThat(row.orgId()).isEqualTo(org);
            assertThat(row.actor()).isEqualTo(new Actor(ActorType.API_KEY, null, keyId, null));
            assertThat(row.action()).isEqualTo("apiKey.use");
            assertThat(row.targetType()).isEqualTo("api_key");
            assertThat(row.targetId()).isEqualTo(keyId.toString());
            assertThat(row.requestId()).isEqualTo("req-1");
            assertThat(row.ip()).isEqualTo("198.51.100.4");
            assertThat(row.userAgent()).isEqualTo("agent/1.0");
            assertThat(row.createdAt()).isEqualTo(this.clock.instant());
            assertThat(row.metadata()).containsOnlyKeys("name", "count", "big", "flag", "nothing", "nested", "text",
                    "requestId", "ip", "userAgent", "actorApiKeyId");
            assertThat(row.metadata()).containsEntry("name", "ci-deploy").containsEntry("flag", false)
                    .containsEntry("nothing", null).containsEntry("actorApiKeyId", keyId.toString())
                    .containsEntry("text", "quote \" backslash \\ newline \n unicode \u00e9\u2603");
            assertThat(((Number) row.metadata().get("count")).longValue()).isEqualTo(3);
            assertThat(((Number) row.metadata().get("big")).longValue()).isEqualTo(9_007_199_254_740_993L);
            Map<?, ?> nestedRow = (Map<?, ?>) row.metadata().get("nested");
            assertThat((List<?>) nestedRow.get("list")).hasSize(3).element(1).isEqualTo("two");
            assertThat(new BigDecimal(nestedRow.get("decimal").toString())).isEqualByComparingTo("12.5");
        });
    }

    @Test
    void rowWithoutOptionalFieldsIsKept() {
        OrgId org = storedOrganization();
        AuditEntry entry = new AuditEntry(org, Actor.SYSTEM, "seed.create", null, null, Map.of(), null, null, null,
                this.clock.instant());

        sink().record(org, entry);

        assertThat(recorded(org)).singleElement().satisfies((row) -> {
            assertThat(row.actor()).isEqualTo(Actor.SYSTEM);
            assertThat(row.targetType()).isNull();
            assertThat(row.targetId()).isNull();
            assertThat(row.metadata()).isEmpty();
            assertThat(row.requestId()).isNull();
            assertThat(row.ip()).isNull();
            assertThat(row.userAgent()).isNull();
        });
    }

    @Test
    void rowsStayWithTheirOrganizationInTheOrderRecorded() {
        OrgId orgA = storedOrganization();
        OrgId orgB = storedOrganization();
        UUID user = UUID.randomUUID();

        sink().record(orgA, entry(orgA, user, "first"));
        this.clock.advanceSeconds(1);
        sink().record(orgB, entry(orgB, user, "other"));
        this.clock.advanceSeconds(1);
        sink().record(orgA, entry(orgA, user, "second"));

        assertThat(recorded(orgA)).extracting(AuditEntry::action).containsExactly("first", "second");
        assertThat(recorded(orgB)).extracting(AuditEntry::action).containsExactly("other");
    }

    @Test
    void rowFiledUnderAnotherOrganizationIsRefused() {
        OrgId orgA = storedOrganization();
        OrgId orgB = storedOrganization();

        assertThatIllegalArgumentException().isThrownBy(() -> sink().record(orgA, entry(orgB, UUID.randomUUID(),
                "misfiled")));

        assertThat(recorded(orgA)).isEmpty();
        assertThat(recorded(orgB)).isEmpty();
    }

    /**
     * Stores a fresh organization.
     * @return its id
     */
    protected OrgId storedOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);
        return organization.id();
    }

    /**
     * A user action without request context.
     * @param org the organization
     * @param user the acting user
     * @param action the action
     * @return the entry
     */
    protected AuditEntry entry(OrgId org, UUID user, String action) {
        return AuditEntry.of(org, Actor.user(user), action, null, null, Map.of(), RequestContext.NONE,
                this.clock.instant());
    }
}
