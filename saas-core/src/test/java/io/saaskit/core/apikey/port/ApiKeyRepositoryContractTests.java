package io.saaskit.core.apikey.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.saaskit.core.apikey.ApiKey;
import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import io.saaskit.core.testing.ApiKeyFixtures;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link ApiKeyRepository} must show, tenant isolation included: another organization's key id
 * used under an organization finds nothing, changes nothing and lists nothing; only the lookup by hash spans
 * organizations.
 *
 * <p>Extend it once per implementation; return the repository under test from {@link #apiKeys()} and an
 * organization store sharing its database from {@link #organizations()} (keys reference stored organizations).
 * Every test creates its own organizations and keys, so implementations may share one database without cleaning up.
 */
public abstract class ApiKeyRepositoryContractTests {

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The repository under test. May be called many times per test; every call must see the same store.
     * @return the repository
     */
    protected abstract ApiKeyRepository apiKeys();

    /**
     * An organization repository on the same store.
     * @return the organization repository
     */
    protected abstract OrganizationRepository organizations();

    @Test
    void insertedKeyIsFoundByIdWithEveryField() {
        Organization org = storedOrganization();
        Instant expiresAt = this.clock.instant().plus(Duration.ofDays(30));
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, org.id(), expiresAt);
        apiKeys().insert(org.id(), key);

        Optional<ApiKey> found = apiKeys().findById(org.id(), key.id());

        assertThat(found).isPresent();
        assertSameKey(found.get(), key);
    }

    @Test
    void keyWithoutExpiryOrUseKeepsThemEmpty() {
        ApiKey key = storedKey(storedOrganization());

        ApiKey found = apiKeys().findById(key.orgId(), key.id()).orElseThrow();

        assertThat(found.expiresAt()).isEmpty();
        assertThat(found.lastUsedAt()).isEmpty();
        assertThat(found.revokedAt()).isEmpty();
    }

    @Test
    void keyIsFoundByItsHashWhateverItsOrganization() {
        ApiKey one = storedKey(storedOrganization());
        ApiKey two = storedKey(storedOrganization());

        assertSameKey(apiKeys().findByHash(one.keyHash()).orElseThrow(), one);
        assertSameKey(apiKeys().findByHash(two.keyHash()).orElseThrow(), two);
        assertThat(apiKeys().findByHash("0".repeat(64))).isEmpty();
    }

    @Test
    void unknownKeyIsNotFound() {
        Organization org = storedOrganization();

        assertThat(apiKeys().findById(org.id(), new ApiKeyId(Ids.next(this.clock)))).isEmpty();
        assertThat(apiKeys().list(org.id())).isEmpty();
    }

    @Test
    void secondKeyWithTheSameHashIsRefused() {
        Organization org = storedOrganization();
        ApiKey first = storedKey(org);
        ApiKey clash = ApiKey.create(new ApiKeyId(Ids.next(this.clock)), org.id(), "clash", first.prefix(),
                first.keyHash(), first.pepperVersion(), first.createdByUserId(), this.clock.instant(), null);

        assertThatException().isThrownBy(() -> apiKeys().insert(org.id(), clash));

        assertThat(apiKeys().findById(org.id(), clash.id())).isEmpty();
    }

    @Test
    void keyFiledUnderAnotherOrganizationIsRefused() {
        Organization orgA = storedOrganization();
        Organization orgB = storedOrganization();
        ApiKey ofB = ApiKeyFixtures.apiKey(this.clock, orgB.id());

        assertThatIllegalArgumentException().isThrownBy(() -> apiKeys().insert(orgA.id(), ofB));

        assertThat(apiKeys().findById(orgB.id(), ofB.id())).isEmpty();
        assertThat(apiKeys().findByHash(ofB.keyHash())).isEmpty();
    }

    @Test
    void listShowsNewestFirstWithRevokedKeysAndOnlyTheOrganizationsOwn() {
        Organization org = storedOrganization();
        ApiKey oldest = storedKey(org);
        this.clock.advanceSeconds(1);
        ApiKey middle = storedKey(org);
        this.clock.advanceSeconds(1);
        ApiKey newest = storedKey(org);
        storedKey(storedOrganization());
        apiKeys().revoke(org.id(), middle.id(), this.clock.instant());

        assertThat(apiKeys().list(org.id())).extracting(ApiKey::id)
                .containsExactly(newest.id(), middle.id(), oldest.id());
        assertThat(apiKeys().list(org.id()).get(1).revokedAt()).contains(this.clock.instant());
    }

    @Test
    void keysCreatedAtTheSameInstantAreListedByIdDescending() {
        Organization org = storedOrganization();
        ApiKey first = storedKey(org);
        ApiKey second = storedKey(org);
        ApiKey higher = (first.id().toString().compareTo(second.id().toString()) > 0) ? first : second;

        assertThat(apiKeys().list(org.id()).get(0).id()).isEqualTo(higher.id());
    }

    @Test
    void revokeSetsTheTimeOnceAndReportsOnlyTheFirstRevocation() {
        ApiKey key = storedKey(storedOrganization());
        Instant first = this.clock.advanceSeconds(10);

        assertThat(apiKeys().revoke(key.orgId(), key.id(), first)).isTrue();
        assertThat(apiKeys().revoke(key.orgId(), key.id(), this.clock.advanceSeconds(10))).isFalse();

        assertThat(apiKeys().findById(key.orgId(), key.id()).orElseThrow().revokedAt()).contains(first);
        assertThat(apiKeys().findByHash(key.keyHash()).orElseThrow().revokedAt()).contains(first);
    }

    @Test
    void anotherOrganizationsKeyIsInvisibleAndUntouchable() {
        ApiKey key = storedKey(storedOrganization());
        OrgId other = storedOrganization().id();
        Instant now = this.clock.advanceSeconds(90);

        assertThat(apiKeys().findById(other, key.id())).isEmpty();
        assertThat(apiKeys().list(other)).isEmpty();
        assertThat(apiKeys().revoke(other, key.id(), now)).isFalse();
        assertThat(apiKeys().markUsed(other, key.id(), now, now.minusSeconds(60))).isFalse();
        assertThat(apiKeys().rehash(other, key.id(), key.keyHash(), "f".repeat(64), "00000000")).isFalse();

        assertSameKey(apiKeys().findById(key.orgId(), key.id()).orElseThrow(), key);
    }

    @Test
    void unknownKeyIdChangesNothing() {
        Organization org = storedOrganization();
        ApiKeyId unknown = new ApiKeyId(Ids.next(this.clock));
        Instant now = this.clock.instant();

        assertThat(apiKeys().revoke(org.id(), unknown, now)).isFalse();
        assertThat(apiKeys().markUsed(org.id(), unknown, now, now)).isFalse();
        assertThat(apiKeys().rehash(org.id(), unknown, "a".repeat(64), "b".repeat(64), "00000000")).isFalse();
    }

    @Test
    void markUsedWritesOnlyWhenNoUseSinceTheCutoffIsRecorded() {
        ApiKey key = storedKey(storedOrganization());
        Instant firstUse = this.clock.advanceSeconds(5);

        assertThat(apiKeys().markUsed(key.orgId(), key.id(), firstUse, firstUse.minusSeconds(60))).isTrue();
        Instant later = firstUse.plusSeconds(59);
        assertThat(apiKeys().markUsed(key.orgId(), key.id(), later, later.minusSeconds(60))).isFalse();
        assertThat(apiKeys().findById(key.orgId(), key.id()).orElseThrow().lastUsedAt()).contains(firstUse);

        Instant afterInterval = firstUse.plusSeconds(61);
        assertThat(apiKeys().markUsed(key.orgId(), key.id(), afterInterval, afterInterval.minusSeconds(60)))
                .isTrue();
        assertThat(apiKeys().findById(key.orgId(), key.id()).orElseThrow().lastUsedAt()).contains(afterInterval);
    }

    @Test
    void rehashReplacesTheHashOnlyWhenTheOldOneMatches() {
        ApiKey key = storedKey(storedOrganization());
        String newHash = ApiKeyFixtures.apiKey(this.clock, key.orgId()).keyHash();

        assertThat(apiKeys().rehash(key.orgId(), key.id(), "0".repeat(64), newHash, "cafebabe")).isFalse();
        assertThat(apiKeys().rehash(key.orgId(), key.id(), key.keyHash(), newHash, "cafebabe")).isTrue();

        ApiKey rehashed = apiKeys().findByHash(newHash).orElseThrow();
        assertThat(rehashed.id()).isEqualTo(key.id());
        assertThat(rehashed.pepperVersion()).isEqualTo("cafebabe");
        assertThat(apiKeys().findByHash(key.keyHash())).isEmpty();
    }

    /**
     * Stores a fresh organization.
     * @return the organization
     */
    protected Organization storedOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);
        return organization;
    }

    /**
     * Stores a fresh key without expiry, created now.
     * @param org the organization
     * @return the key
     */
    protected ApiKey storedKey(Organization org) {
        ApiKey key = ApiKeyFixtures.apiKey(this.clock, org.id());
        apiKeys().insert(org.id(), key);
        return key;
    }

    private static void assertSameKey(ApiKey actual, ApiKey expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.orgId()).isEqualTo(expected.orgId());
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.prefix()).isEqualTo(expected.prefix());
        assertThat(actual.keyHash()).isEqualTo(expected.keyHash());
        assertThat(actual.pepperVersion()).isEqualTo(expected.pepperVersion());
        assertThat(actual.createdByUserId()).isEqualTo(expected.createdByUserId());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.expiresAt()).isEqualTo(expected.expiresAt());
        assertThat(actual.lastUsedAt()).isEqualTo(expected.lastUsedAt());
        assertThat(actual.revokedAt()).isEqualTo(expected.revokedAt());
    }
}
