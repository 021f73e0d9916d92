package io.saaskit.core.provisioning.port;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.provisioning.ScimToken;
import io.saaskit.core.provisioning.ScimTokenId;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link ScimTokenRepository} must show, tenant isolation included: another organization's
 * token id used under an organization finds, lists, revokes and marks nothing; only the lookup by hash spans
 * organizations.
 *
 * <p>Extend it once per implementation; return the repository under test and an organization store sharing its
 * data. Every test creates its own organizations and tokens.
 */
public abstract class ScimTokenRepositoryContractTests {

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The repository under test.
     * @return the repository
     */
    protected abstract ScimTokenRepository tokens();

    /**
     * An organization repository on the same store.
     * @return the repository
     */
    protected abstract OrganizationRepository organizations();

    @Test
    void insertedTokenIsFoundByIdAndHashWithEveryField() {
        Organization org = storedOrganization();
        ScimToken token = storedToken(org);

        ScimToken byId = tokens().findById(org.id(), token.id()).orElseThrow();
        ScimToken byHash = tokens().findByHash(token.tokenHash()).orElseThrow();

        for (ScimToken found : new ScimToken[] { byId, byHash }) {
            assertThat(found.id()).isEqualTo(token.id());
            assertThat(found.orgId()).isEqualTo(org.id());
            assertThat(found.name()).isEqualTo(token.name());
            assertThat(found.prefix()).isEqualTo(token.prefix());
            assertThat(found.tokenHash()).isEqualTo(token.tokenHash());
            assertThat(found.createdByUserId()).isEqualTo(token.createdByUserId());
            assertThat(found.createdAt()).isEqualTo(token.createdAt());
            assertThat(found.lastUsedAt()).isEmpty();
            assertThat(found.revokedAt()).isEmpty();
        }
        assertThat(tokens().findByHash("0".repeat(64))).isEmpty();
    }

    @Test
    void listIsNewestFirstAndKeepsRevokedTokens() {
        Organization org = storedOrganization();
        ScimToken older = storedToken(org);
        this.clock.advance(Duration.ofSeconds(1));
        ScimToken newer = storedToken(org);
        tokens().revoke(org.id(), older.id(), this.clock.instant());

        assertThat(tokens().list(org.id())).extracting(ScimToken::id).containsExactly(newer.id(), older.id());
        assertThat(tokens().list(org.id()).get(1).isRevoked()).isTrue();
    }

    @Test
    void revocationHappensOnceAndKeepsTheFirstTime() {
        Organization org = storedOrganization();
        ScimToken token = storedToken(org);
        Instant first = this.clock.instant();

        assertThat(tokens().revoke(org.id(), token.id(), first)).isTrue();
        assertThat(tokens().revoke(org.id(), token.id(), this.clock.advance(Duration.ofMinutes(1)))).isFalse();
        assertThat(tokens().findById(org.id(), token.id()).orElseThrow().revokedAt()).contains(first);
        assertThat(tokens().findByHash(token.tokenHash()).orElseThrow().isRevoked()).isTrue();
    }

    @Test
    void useIsRecordedCoarsely() {
        Organization org = storedOrganization();
        ScimToken token = storedToken(org);
        Instant first = this.clock.instant();

        assertThat(tokens().markUsed(org.id(), token.id(), first, first.minusSeconds(60))).isTrue();
        Instant soon = first.plusSeconds(10);
        assertThat(tokens().markUsed(org.id(), token.id(), soon, soon.minusSeconds(60))).isFalse();
        Instant later = first.plusSeconds(61);
        assertThat(tokens().markUsed(org.id(), token.id(), later, later.minusSeconds(60))).isTrue();
        assertThat(tokens().findById(org.id(), token.id()).orElseThrow().lastUsedAt()).contains(later);
    }

    @Test
    void anotherOrganizationsTokenIsInvisibleAndUntouchable() {
        Organization mine = storedOrganization();
        Organization theirs = storedOrganization();
        ScimToken token = storedToken(theirs);

        assertThat(tokens().findById(mine.id(), token.id())).isEmpty();
        assertThat(tokens().list(mine.id())).isEmpty();
        assertThat(tokens().revoke(mine.id(), token.id(), this.clock.instant())).isFalse();
        assertThat(tokens().markUsed(mine.id(), token.id(), this.clock.instant(),
                this.clock.instant().minusSeconds(60))).isFalse();
        ScimToken untouched = tokens().findById(theirs.id(), token.id()).orElseThrow();
        assertThat(untouched.isRevoked()).isFalse();
        assertThat(untouched.lastUsedAt()).isEmpty();
    }

    @Test
    void unknownTokenIsNotFound() {
        Organization org = storedOrganization();

        assertThat(tokens().findById(org.id(), new ScimTokenId(Ids.next(this.clock)))).isEmpty();
        assertThat(tokens().revoke(org.id(), new ScimTokenId(Ids.next(this.clock)), this.clock.instant())).isFalse();
    }

    private ScimToken storedToken(Organization org) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        ScimToken token = ScimToken.create(new ScimTokenId(Ids.next(this.clock)), org.id(), "okta",
                "scim_" + UUID.randomUUID().toString().substring(0, 7), HexFormat.of().formatHex(random),
                new UserId(Ids.next(this.clock)), this.clock.instant());
        tokens().insert(org.id(), token);
        return token;
    }

    private Organization storedOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);
        return organization;
    }
}
