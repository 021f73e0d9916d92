package io.saaskit.core.shared;

import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.identity.SessionId;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTests {

    private final MutableClock clock = new MutableClock();

    @Test
    void newIdsAreVersion7WithTheRfcVariant() {
        UUID id = Ids.next(this.clock);

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void newIdsCarryTheClocksMillisecondInTheirFirst48Bits() {
        UUID id = Ids.next(this.clock);

        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(this.clock.millis());
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnes() {
        UUID earlier = Ids.next(this.clock);
        this.clock.advance(Duration.ofMillis(1));
        UUID later = Ids.next(this.clock);
        this.clock.advance(Duration.ofDays(400));
        UUID muchLater = Ids.next(this.clock);

        assertThat(earlier.toString()).isLessThan(later.toString());
        assertThat(later.toString()).isLessThan(muchLater.toString());
    }

    @Test
    void idsOfTheSameMillisecondAreStillUnique() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.next(this.clock));
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void canonicalTextParsesInEitherCase() {
        UUID id = Ids.next(this.clock);

        assertThat(Ids.parse(id.toString())).contains(id);
        assertThat(Ids.parse(id.toString().toUpperCase(Locale.ROOT))).contains(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not-a-uuid", "1-1-1-1-1", "01890a5dac96774bbcceb302099a8057",
            "01890a5d-ac96-774b-bcce-b302099a805", "01890a5d-ac96-774b-bcce-b302099a80577",
            "{01890a5d-ac96-774b-bcce-b302099a8057}", " 01890a5d-ac96-774b-bcce-b302099a8057",
            "01890a5d-ac96-774b-bcce-b302099a8057\n", "g1890a5d-ac96-774b-bcce-b302099a8057",
            "01890a5d_ac96_774b_bcce_b302099a8057"})
    void malformedTextIsRejected(String text) {
        assertThat(Ids.parse(text)).isEmpty();
    }

    @Test
    void typedIdsParseLikeIds() {
        UUID id = Ids.next(this.clock);

        assertThat(OrgId.parse(id.toString())).contains(new OrgId(id));
        assertThat(UserId.parse(id.toString())).contains(new UserId(id));
        assertThat(MembershipId.parse(id.toString())).contains(new MembershipId(id));
        assertThat(SessionId.parse(id.toString())).contains(new SessionId(id));
        assertThat(OrgId.parse("nope")).isEmpty();
        assertThat(new OrgId(id).toString()).isEqualTo(id.toString());
    }
}
