package io.saaskit.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class AuditEntryTests {

    private final MutableClock clock = new MutableClock();

    private final OrgId org = new OrgId(Ids.next(this.clock));

    private final Instant now = this.clock.instant();

    @Test
    void requestFieldsAndTheActingKeyAreCopiedIntoTheMetadata() {
        UUID keyId = UUID.randomUUID();

        AuditEntry entry = AuditEntry.of(this.org, Actor.apiKey(keyId), "usage.event", null, null,
                Map.of("metric", "api_requests"), new RequestContext("r-1", new ClientInfo("192.0.2.1", "ua")),
                this.now);

        assertThat(entry.metadata()).containsEntry("metric", "api_requests").containsEntry("requestId", "r-1")
                .containsEntry("ip", "192.0.2.1").containsEntry("userAgent", "ua")
                .containsEntry("actorApiKeyId", keyId.toString());
        assertThat(entry.requestId()).isEqualTo("r-1");
        assertThat(entry.ip()).isEqualTo("192.0.2.1");
        assertThat(entry.userAgent()).isEqualTo("ua");
    }

    @Test
    void withoutARequestNothingIsAddedToTheMetadata() {
        AuditEntry entry = AuditEntry.of(this.org, Actor.SYSTEM, "seed.create", null, null, Map.of("a", 1),
                RequestContext.NONE, this.now);

        assertThat(entry.metadata()).containsOnlyKeys("a");
    }

    @Test
    void metadataIsAnUnmodifiableCopyThatMayHoldNulls() {
        Map<String, Object> source = new HashMap<>();
        List<Object> list = new ArrayList<>(List.of("x"));
        source.put("list", list);
        source.put("none", null);

        AuditEntry entry = entry(source);
        list.add("changed later");
        source.put("added", "later");

        assertThat(entry.metadata()).containsOnlyKeys("list", "none");
        assertThat(entry.metadata().get("list")).isEqualTo(List.of("x"));
        assertThat(entry.metadata()).containsEntry("none", null);
        assertThat(entry.metadata().getClass().getName()).contains("Unmodifiable");
    }

    @Test
    void metadataHoldsOnlyJsonValues() {
        assertThatIllegalArgumentException().isThrownBy(() -> entry(Map.of("when", Instant.EPOCH)));
        assertThatIllegalArgumentException().isThrownBy(() -> entry(Map.of("nan", Double.NaN)));
        assertThatIllegalArgumentException().isThrownBy(() -> entry(Map.of("nested", Map.of(1, "key"))));
        assertThatIllegalArgumentException().isThrownBy(() -> entry(Map.of("deep", deep(20))));
        assertThat(entry(Map.of("deep", deep(10))).metadata()).containsKey("deep");
    }

    @Test
    void actionIsRequiredAndBounded() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditEntry(this.org, Actor.SYSTEM, " ", null, null,
                Map.of(), null, null, null, this.now));
        assertThatIllegalArgumentException().isThrownBy(() -> new AuditEntry(this.org, Actor.SYSTEM, "a".repeat(101),
                null, null, Map.of(), null, null, null, this.now));
        assertThatNullPointerException().isThrownBy(() -> Actor.user(null));
    }

    @Test
    void actorTypesHaveTheirStoredValues() {
        assertThat(ActorType.API_KEY.value()).isEqualTo("api_key");
        assertThat(ActorType.parse("scim")).contains(ActorType.SCIM);
        assertThat(ActorType.parse("robot")).isEmpty();
    }

    private AuditEntry entry(Map<String, ?> metadata) {
        return AuditEntry.of(this.org, Actor.SYSTEM, "test.action", null, null, metadata, RequestContext.NONE,
                this.now);
    }

    private static Object deep(int levels) {
        Object value = "leaf";
        for (int i = 0; i < levels; i++) {
            value = List.of(value);
        }
        return value;
    }
}
