package io.saaskit.core.apikey;

import java.time.Instant;

import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ApiKeyFixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyTests {

    private final MutableClock clock = new MutableClock();

    @Test
    void revokingTwiceKeepsTheFirstRevocationTime() {
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)));
        Instant first = this.clock.advanceSeconds(1);

        ApiKey revoked = key.revoke(first);
        ApiKey again = revoked.revoke(this.clock.advanceSeconds(60));

        assertThat(key.isRevoked()).isFalse();
        assertThat(revoked.revokedAt()).contains(first);
        assertThat(again).isSameAs(revoked);
    }

    @Test
    void keyExpiresAtItsExpiryInstant() {
        Instant expiresAt = this.clock.instant().plusSeconds(30);
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)), expiresAt);

        assertThat(key.isExpired(expiresAt.minusMillis(1))).isFalse();
        assertThat(key.isExpired(expiresAt)).isTrue();
        assertThat(ApiKeyFixtures.apiKey(this.clock, key.orgId()).isExpired(Instant.MAX)).isFalse();
    }

    @Test
    void textFormShowsNeitherTheHashNorTheName() {
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, new OrgId(Ids.next(this.clock)));

        assertThat(key.toString()).contains(key.prefix()).doesNotContain(key.keyHash());
    }
}
