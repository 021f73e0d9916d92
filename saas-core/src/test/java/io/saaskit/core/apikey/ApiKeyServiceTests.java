package io.saaskit.core.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.saaskit.core.apikey.port.ApiKeyRepository;
import io.saaskit.core.apikey.port.ApiKeyRevocationChannel;
import io.saaskit.core.audit.ActorType;
import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Role;
import io.saaskit.core.memory.InMemoryApiKeyCache;
import io.saaskit.core.memory.InMemoryApiKeyRepository;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.testing.ApiKeyFixtures;
import io.saaskit.core.testing.MutableClock;
import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ApiKeyServiceTests {

    private static final String PEPPER = "service-test-pepper-0123456789abcdef";

    private static final RequestContext CONTEXT =
            new RequestContext("req-123", new ClientInfo("203.0.113.7", "curl/8.5"));

    private final MutableClock clock = new MutableClock();

    private final CountingRepository keys = new CountingRepository(new InMemoryApiKeyRepository());

    private final InMemoryApiKeyCache cache =
            new InMemoryApiKeyCache(this.clock, Duration.ofSeconds(10), Duration.ofSeconds(5));

    private final RecordingChannel channel = new RecordingChannel();

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private final InMemoryWriteGate gate = new InMemoryWriteGate(this.clock);

    private final ApiKeyService service = service(new ApiKeySettings(PEPPER, null));

    private final OrgAccess owner = access(Role.OWNER);

    private ApiKeyService service(ApiKeySettings settings) {
        return new ApiKeyService(this.keys, this.cache, this.channel, this.audit, new InMemoryTransactionRunner(),
                this.gate, this.clock, settings);
    }

    private OrgAccess access(Role role) {
        return new OrgAccess(new OrgId(Ids.next(this.clock)), new UserId(Ids.next(this.clock)),
                new MembershipId(Ids.next(this.clock)), role);
    }

    private OrgAccess colleague(OrgAccess of, Role role) {
        return new OrgAccess(of.orgId(), new UserId(Ids.next(this.clock)), new MembershipId(Ids.next(this.clock)),
                role);
    }

    // --- creation ---

    @Test
    void createdKeyStoresOnlyThePrefixAndTheKeyedHashOfItsSecret() {
        CreatedApiKey created = this.service.create(this.owner, "  ci-deploy  ", null, CONTEXT);

        ApiKey key = created.key();
        assertThat(created.secret()).matches("^ak_[0-9A-Za-z]{38}$");
        assertThat(ApiKeyFormat.isWellFormed(created.secret())).isTrue();
        assertThat(key.prefix()).isEqualTo(created.secret().substring(0, 12));
        assertThat(key.keyHash()).isEqualTo(new ApiKeyHasher(PEPPER, null).hash(created.secret()))
                .doesNotContain(created.secret().substring(12));
        assertThat(key.pepperVersion()).isEqualTo(this.service.pepperVersion());
        assertThat(key.name()).isEqualTo("ci-deploy");
        assertThat(key.orgId()).isEqualTo(this.owner.orgId());
        assertThat(key.createdByUserId()).isEqualTo(this.owner.userId());
        assertThat(key.createdAt()).isEqualTo(this.clock.instant());
        assertThat(key.expiresAt()).isEmpty();
        assertThat(key.lastUsedAt()).isEmpty();
        assertThat(key.revokedAt()).isEmpty();
        assertThat(this.keys.findById(this.owner.orgId(), key.id())).isPresent();
        assertThat(created.toString()).doesNotContain(created.secret());
    }

    @Test
    void creationIsAuditedWithTheRequestContextInTheSameUnitOfWork() {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);

        AuditEntry entry = this.audit.entries(this.owner.orgId()).get(0);
        assertThat(this.audit.entries(this.owner.orgId())).hasSize(1);
        assertThat(entry.action()).isEqualTo("apiKey.create");
        assertThat(entry.actor().type()).isEqualTo(ActorType.USER);
        assertThat(entry.actor().userId()).isEqualTo(this.owner.userId().value());
        assertThat(entry.targetType()).isEqualTo("api_key");
        assertThat(entry.targetId()).isEqualTo(created.key().id().toString());
        assertThat(entry.requestId()).isEqualTo("req-123");
        assertThat(entry.ip()).isEqualTo("203.0.113.7");
        assertThat(entry.userAgent()).isEqualTo("curl/8.5");
        assertThat(entry.metadata()).containsEntry("name", "ci").containsEntry("prefix", created.key().prefix())
                .containsEntry("requestId", "req-123").containsEntry("ip", "203.0.113.7")
                .containsEntry("userAgent", "curl/8.5");
        assertThat(entry.metadata().values()).doesNotContain(created.secret(), created.key().keyHash());
    }

    @Test
    void keyWithExpiryWithinFiveYearsIsCreated() {
        Instant expiresAt = this.clock.instant().plus(Duration.ofDays(5 * 365));

        CreatedApiKey created = this.service.create(this.owner, "short-lived", expiresAt, CONTEXT);

        assertThat(created.key().expiresAt()).contains(expiresAt);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "has space", "dots.not.allowed", "slash/no", "\u00e9t\u00e9",
        "a123456789b123456789c123456789d123456789e1234567890" })
    void nameBreakingTheRuleIsRefusedOnFieldName(String name) {
        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> this.service.create(this.owner, name, null, CONTEXT));

        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("name");
        assertThat(this.keys.list(this.owner.orgId())).isEmpty();
        assertThat(this.audit.entries(this.owner.orgId())).isEmpty();
    }

    @Test
    void missingNameIsRefused() {
        assertThatExceptionOfType(ValidationException.class)
                .isThrownBy(() -> this.service.create(this.owner, null, null, CONTEXT))
                .satisfies((ex) -> assertThat(ex.errors()).containsExactly(new FieldError("name", "Name is required")));
    }

    @Test
    void nameOfFiftyAllowedCharactersIsAccepted() {
        String name = "A-b_9".repeat(10);

        assertThat(this.service.create(this.owner, name, null, CONTEXT).key().name()).isEqualTo(name);
    }

    @Test
    void expiryNotInTheFutureOrBeyondFiveYearsIsRefusedOnFieldExpiresAt() {
        Instant now = this.clock.instant();

        for (Instant refused : List.of(now, now.minusSeconds(1), now.plus(Duration.ofDays(5 * 366)))) {
            ValidationException ex = catchThrowableOfType(ValidationException.class,
                    () -> this.service.create(this.owner, "ci", refused, CONTEXT));
            assertThat(ex.errors()).as(refused.toString()).extracting(FieldError::field).containsExactly("expiresAt");
        }
        assertThat(this.keys.list(this.owner.orgId())).isEmpty();
    }

    @Test
    void everyFailingFieldIsReportedTogether() {
        ValidationException refused = catchThrowableOfType(ValidationException.class,
                () -> this.service.create(this.owner, "bad name", this.clock.instant().minusSeconds(60), CONTEXT));

        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("name", "expiresAt");
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = { "MEMBER", "READONLY" })
    void rolesWithoutApiKeyPermissionsCanNeitherCreateListNorRevoke(Role role) {
        OrgAccess caller = colleague(this.owner, role);
        ApiKey existing = this.service.create(this.owner, "ci", null, CONTEXT).key();

        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.create(caller, "ci", null, CONTEXT))
                .satisfies((ex) -> assertThat(ex.requiredPermission()).contains("apiKeys.create"));
        assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> this.service.list(caller))
                .satisfies((ex) -> assertThat(ex.requiredPermission()).contains("apiKeys.read"));
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.service.revoke(caller, existing.id(), CONTEXT))
                .satisfies((ex) -> assertThat(ex.requiredPermission()).contains("apiKeys.revoke"));
        assertThat(this.keys.findById(this.owner.orgId(), existing.id()).orElseThrow().isRevoked()).isFalse();
    }

    @Test
    void billingMayManageKeys() {
        OrgAccess billing = colleague(this.owner, Role.BILLING);

        ApiKey key = this.service.create(billing, "billing-key", null, CONTEXT).key();

        assertThat(this.service.list(billing)).extracting(ApiKey::id).containsExactly(key.id());
        assertThat(this.service.revoke(billing, key.id(), CONTEXT).isRevoked()).isTrue();
    }

    // --- listing ---

    @Test
    void listShowsTheOrganizationsKeysNewestFirstRevokedIncluded() {
        ApiKey first = this.service.create(this.owner, "first", null, CONTEXT).key();
        this.clock.advanceSeconds(1);
        ApiKey second = this.service.create(this.owner, "second", null, CONTEXT).key();
        this.clock.advanceSeconds(1);
        this.service.create(access(Role.OWNER), "elsewhere", null, CONTEXT);
        this.service.revoke(this.owner, first.id(), CONTEXT);

        assertThat(this.service.list(this.owner)).extracting(ApiKey::id).containsExactly(second.id(), first.id());
        assertThat(this.service.list(this.owner).get(1).isRevoked()).isTrue();
    }

    // --- revocation ---

    @Test
    void revocationIsAuditedOnceAndKeepsTheFirstRevocationTime() {
        ApiKey key = this.service.create(this.owner, "ci", null, CONTEXT).key();
        this.clock.advanceSeconds(5);
        Instant firstRevocation = this.clock.instant();

        ApiKey revoked = this.service.revoke(this.owner, key.id(), CONTEXT);
        this.clock.advanceSeconds(5);
        ApiKey again = this.service.revoke(this.owner, key.id(), CONTEXT);

        assertThat(revoked.revokedAt()).contains(firstRevocation);
        assertThat(again.revokedAt()).contains(firstRevocation);
        assertThat(this.keys.findById(this.owner.orgId(), key.id()).orElseThrow().revokedAt())
                .contains(firstRevocation);
        assertThat(this.audit.entries(this.owner.orgId())).extracting(AuditEntry::action)
                .containsExactly("apiKey.create", "apiKey.revoke");
        AuditEntry revocation = this.audit.entries(this.owner.orgId()).get(1);
        assertThat(revocation.targetId()).isEqualTo(key.id().toString());
        assertThat(revocation.requestId()).isEqualTo("req-123");
        assertThat(this.channel.published).containsExactly(key.id());
    }

    @Test
    void unknownAndForeignKeysAreNotFound() {
        ApiKey foreign = this.service.create(access(Role.OWNER), "foreign", null, CONTEXT).key();

        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> this.service.revoke(this.owner, foreign.id(), CONTEXT))
                .withMessage("API key not found");
        assertThatExceptionOfType(NotFoundException.class)
                .isThrownBy(() -> this.service.revoke(this.owner, new ApiKeyId(Ids.next(this.clock)), CONTEXT))
                .withMessage("API key not found");
        assertThat(this.keys.findById(foreign.orgId(), foreign.id()).orElseThrow().isRevoked()).isFalse();
        assertThat(this.channel.published).isEmpty();
    }

    @Test
    void revokedKeyIsRefusedOnTheVeryNextVerificationThoughItWasCached() {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);
        assertThat(this.service.verify(created.secret(), null)).isInstanceOf(ApiKeyVerification.Valid.class);

        this.service.revoke(this.owner, created.key().id(), CONTEXT);

        assertThat(this.service.verify(created.secret(), null)).isEqualTo(
                new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.REVOKED_API_KEY, created.key().prefix()));
    }

    @Test
    void requestsMissingOneKeyTogetherShareOneStoreLookup() throws Exception {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);
        CountDownLatch stalled = new CountDownLatch(1);
        this.keys.stalled = stalled;
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Future<ApiKeyVerification> first = executor.submit(() -> this.service.verify(created.secret(), null));
            assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
            List<Thread> others = new ArrayList<>();
            List<Future<ApiKeyVerification>> joined = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                joined.add(executor.submit(() -> {
                    synchronized (others) {
                        others.add(Thread.currentThread());
                    }
                    return this.service.verify(created.secret(), null);
                }));
            }
            awaitWaiting(others, 2);

            assertThat(this.keys.lookups.get()).as("the waiting requests made no lookup of their own").isEqualTo(1);
            this.keys.release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(ApiKeyVerification.Valid.class);
            for (Future<ApiKeyVerification> other : joined) {
                assertThat(other.get(10, TimeUnit.SECONDS)).isInstanceOf(ApiKeyVerification.Valid.class);
            }
            assertThat(this.keys.lookups.get()).isEqualTo(1);
        }
        finally {
            this.keys.release.countDown();
            executor.shutdownNow();
        }
    }

    @Test
    void aRequestAfterARevocationNeverTakesTheAnswerOfALookupStartedBeforeIt() throws Exception {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);
        CountDownLatch stalled = new CountDownLatch(1);
        this.keys.stalled = stalled;
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            Future<ApiKeyVerification> before = executor.submit(() -> this.service.verify(created.secret(), null));
            assertThat(stalled.await(10, TimeUnit.SECONDS)).isTrue();
            this.service.revoke(this.owner, created.key().id(), CONTEXT);

            Future<ApiKeyVerification> after = executor.submit(() -> this.service.verify(created.secret(), null));

            assertThat(after.get(10, TimeUnit.SECONDS)).as("answered while the earlier lookup is still stalled")
                    .isEqualTo(new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.REVOKED_API_KEY,
                            created.key().prefix()));
            this.keys.release.countDown();
            assertThat(before.get(10, TimeUnit.SECONDS)).isInstanceOf(ApiKeyVerification.Valid.class);
            assertThat(this.service.verify(created.secret(), null)).isInstanceOf(ApiKeyVerification.Rejected.class);
        }
        finally {
            this.keys.release.countDown();
            executor.shutdownNow();
        }
    }

    /** Waits until that many threads have registered and are all waiting. */
    private static void awaitWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            synchronized (threads) {
                if (threads.size() == count && threads.stream().allMatch(
                        (thread) -> thread.getState() == Thread.State.WAITING
                                || thread.getState() == Thread.State.TIMED_WAITING)) {
                    return;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("The requests did not start waiting");
    }

    @Test
    void revocationAnnouncedByAnotherInstanceEvictsTheCachedKey() {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);
        this.service.verify(created.secret(), null);
        // another instance revokes: the row changes behind this instance's cache, then the message arrives
        this.keys.revoke(this.owner.orgId(), created.key().id(), this.clock.instant());
        assertThat(this.service.verify(created.secret(), null)).isInstanceOf(ApiKeyVerification.Valid.class);

        this.channel.deliver(created.key().id());

        assertThat(this.service.verify(created.secret(), null)).isInstanceOf(ApiKeyVerification.Rejected.class);
    }

    @Test
    void failedAnnouncementDoesNotFailTheCommittedRevocation() {
        ApiKey key = this.service.create(this.owner, "ci", null, CONTEXT).key();
        this.channel.failing = true;

        ApiKey revoked = this.service.revoke(this.owner, key.id(), CONTEXT);

        assertThat(revoked.isRevoked()).isTrue();
        assertThat(this.keys.findById(this.owner.orgId(), key.id()).orElseThrow().isRevoked()).isTrue();
    }

    // --- verification ---

    @Test
    void validKeyIsVerifiedWithOrWithoutItsOrganizationHeader() {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);

        assertThat(this.service.verify(created.secret(), null))
                .isEqualTo(new ApiKeyVerification.Valid(this.keys.findByHash(created.key().keyHash()).orElseThrow()));
        assertThat(this.service.verify(created.secret(), "  " + this.owner.orgId() + " "))
                .isInstanceOf(ApiKeyVerification.Valid.class);
        assertThat(this.service.verify(created.secret(), " ")).isInstanceOf(ApiKeyVerification.Valid.class);
    }

    @Test
    void missingKeyIsRefusedAsMissing() {
        assertThat(this.service.verify(null, null))
                .isEqualTo(new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.MISSING_API_KEY, null));
        assertThat(this.service.verify("", null))
                .isEqualTo(new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.MISSING_API_KEY, null));
    }

    @Test
    void keyWithOneCharacterChangedIsRefusedWithoutAnyLookup() {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);
        String secret = created.secret();
        char last = secret.charAt(20);
        String changed = secret.substring(0, 20) + ((last == 'a') ? 'b' : 'a') + secret.substring(21);

        ApiKeyVerification verification = this.service.verify(changed, null);

        assertThat(verification).isEqualTo(new ApiKeyVerification.Rejected(
                ApiKeyVerification.Reason.MALFORMED_API_KEY, created.key().prefix()));
        assertThat(this.keys.lookups.get()).isZero();
    }

    @Test
    void sessionTokensAndOtherValuesAreMalformed() {
        assertThat(this.service.verify("c2Vzc2lvbg.c2lnbmF0dXJl", null))
                .isEqualTo(new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.MALFORMED_API_KEY, null));
        assertThat(this.keys.lookups.get()).isZero();
    }

    @Test
    void unknownWellFormedKeyIsInvalidAndCachedNegatively() {
        String unknown = ApiKeyFixtures.secret();

        for (int i = 0; i < 20; i++) {
            assertThat(this.service.verify(unknown, null)).isEqualTo(new ApiKeyVerification.Rejected(
                    ApiKeyVerification.Reason.INVALID_API_KEY, unknown.substring(0, 12)));
        }

        assertThat(this.keys.lookups.get()).isOne();
        this.clock.advanceSeconds(6);
        this.service.verify(unknown, null);
        assertThat(this.keys.lookups.get()).isEqualTo(2);
    }

    @Test
    void verifiedKeyIsServedFromTheCacheForAtMostTenSeconds() {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);

        for (int i = 0; i < 50; i++) {
            this.service.verify(created.secret(), null);
        }
        assertThat(this.keys.lookups.get()).isOne();

        this.clock.advanceSeconds(10);
        this.service.verify(created.secret(), null);
        assertThat(this.keys.lookups.get()).isEqualTo(2);
    }

    @Test
    void expiredKeyIsInvalidEvenWhileCached() {
        Instant expiresAt = this.clock.instant().plusSeconds(3);
        CreatedApiKey created = this.service.create(this.owner, "ci", expiresAt, CONTEXT);
        assertThat(this.service.verify(created.secret(), null)).isInstanceOf(ApiKeyVerification.Valid.class);

        this.clock.set(expiresAt);

        assertThat(this.service.verify(created.secret(), null)).isEqualTo(new ApiKeyVerification.Rejected(
                ApiKeyVerification.Reason.INVALID_API_KEY, created.key().prefix()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-uuid", "00000000-0000-0000-0000-000000000000" })
    void keyPresentedForAnotherOrganizationIsInvalid(String requestedOrg) {
        CreatedApiKey created = this.service.create(this.owner, "ci", null, CONTEXT);
        OrgAccess other = access(Role.OWNER);

        for (String org : List.of(requestedOrg, other.orgId().toString())) {
            assertThat(this.service.verify(created.secret(), org)).as(org).isEqualTo(
                    new ApiKeyVerification.Rejected(ApiKeyVerification.Reason.INVALID_API_KEY,
                            created.key().prefix()));
        }
    }

    @Test
    void keyHashedUnderThePreviousPepperIsAcceptedAndRehashed() {
        String oldPepper = "old-pepper-0123456789abcdef";
        ApiKeyService before = service(new ApiKeySettings(oldPepper, null));
        CreatedApiKey created = before.create(this.owner, "ci", null, CONTEXT);
        ApiKeyService after = service(new ApiKeySettings(PEPPER, oldPepper));

        ApiKeyVerification verification = after.verify(created.secret(), null);

        assertThat(verification).isInstanceOf(ApiKeyVerification.Valid.class);
        ApiKey stored = this.keys.findById(this.owner.orgId(), created.key().id()).orElseThrow();
        assertThat(stored.keyHash()).isEqualTo(new ApiKeyHasher(PEPPER, null).hash(created.secret()));
        assertThat(stored.pepperVersion()).isEqualTo(after.pepperVersion()).isNotEqualTo(before.pepperVersion());
        assertThat(service(new ApiKeySettings(PEPPER, null)).verify(created.secret(), null))
                .isInstanceOf(ApiKeyVerification.Valid.class);
    }

    @Test
    void keyOfAnOldPepperIsInvalidOnceThePepperIsGone() {
        CreatedApiKey created = service(new ApiKeySettings("old-pepper-0123456789abcdef", null))
                .create(this.owner, "ci", null, CONTEXT);

        assertThat(this.service.verify(created.secret(), null)).isInstanceOf(ApiKeyVerification.Rejected.class);
    }

    // --- last use ---

    @Test
    void lastUseIsWrittenAtMostOncePerMinutePerKey() {
        ApiKey key = this.service.create(this.owner, "ci", null, CONTEXT).key();
        Instant firstUse = this.clock.instant();

        for (int i = 0; i < 50; i++) {
            this.service.recordUse(key);
            this.clock.advance(Duration.ofMillis(1000));
        }
        assertThat(this.keys.lastUseWrites.get()).isOne();
        assertThat(this.keys.findById(this.owner.orgId(), key.id()).orElseThrow().lastUsedAt()).contains(firstUse);

        this.clock.set(firstUse.plusSeconds(61));
        assertThat(this.service.recordUse(key)).isTrue();
        assertThat(this.keys.lastUseWrites.get()).isEqualTo(2);
        assertThat(this.keys.findById(this.owner.orgId(), key.id()).orElseThrow().lastUsedAt())
                .contains(firstUse.plusSeconds(61));
    }

    @Test
    void concurrentUsesOfOneKeyMakeOneWrite() throws InterruptedException {
        ApiKey key = this.service.create(this.owner, "busy", null, CONTEXT).key();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int j = 0; j < 100; j++) {
                        this.service.recordUse(key);
                    }
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }

        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(this.keys.lastUseWrites.get()).isOne();
    }

    @Test
    void lastUseThrottleIsPerKey() {
        ApiKey one = this.service.create(this.owner, "one", null, CONTEXT).key();
        ApiKey two = this.service.create(this.owner, "two", null, CONTEXT).key();

        assertThat(this.service.recordUse(one)).isTrue();
        assertThat(this.service.recordUse(two)).isTrue();
        assertThat(this.service.recordUse(one)).isFalse();
    }

    /** Counts the lookups and last-use writes that reach the store. */
    private static final class CountingRepository implements ApiKeyRepository {

        final AtomicInteger lookups = new AtomicInteger();

        final AtomicInteger lastUseWrites = new AtomicInteger();

        /** When set, a lookup reads the store, then counts this down and waits for {@link #release}. */
        volatile @Nullable CountDownLatch stalled;

        final CountDownLatch release = new CountDownLatch(1);

        private final ApiKeyRepository delegate;

        CountingRepository(ApiKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public void insert(OrgId orgId, ApiKey key) {
            this.delegate.insert(orgId, key);
        }

        @Override
        public Optional<ApiKey> findById(OrgId orgId, ApiKeyId id) {
            return this.delegate.findById(orgId, id);
        }

        @Override
        public List<ApiKey> list(OrgId orgId) {
            return this.delegate.list(orgId);
        }

        @Override
        public boolean revoke(OrgId orgId, ApiKeyId id, Instant revokedAt) {
            return this.delegate.revoke(orgId, id, revokedAt);
        }

        @Override
        public Optional<ApiKey> findByHash(String keyHash) {
            this.lookups.incrementAndGet();
            Optional<ApiKey> found = this.delegate.findByHash(keyHash);
            CountDownLatch stall = this.stalled;
            if (stall != null) {
                this.stalled = null;
                stall.countDown();
                try {
                    this.release.await(10, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            return found;
        }

        @Override
        public boolean rehash(OrgId orgId, ApiKeyId id, String oldHash, String newHash, String pepperVersion) {
            return this.delegate.rehash(orgId, id, oldHash, newHash, pepperVersion);
        }

        @Override
        public boolean markUsed(OrgId orgId, ApiKeyId id, Instant usedAt, Instant unlessUsedSince) {
            this.lastUseWrites.incrementAndGet();
            return this.delegate.markUsed(orgId, id, usedAt, unlessUsedSince);
        }
    }

    /** Records announcements; delivers messages from "another instance" on demand. */
    private static final class RecordingChannel implements ApiKeyRevocationChannel {

        final List<ApiKeyId> published = new ArrayList<>();

        final List<Consumer<ApiKeyId>> listeners = new ArrayList<>();

        boolean failing;

        @Override
        public void publish(ApiKeyId keyId) {
            if (this.failing) {
                throw new IllegalStateException("channel down");
            }
            this.published.add(keyId);
            deliver(keyId);
        }

        @Override
        public void subscribe(Consumer<ApiKeyId> listener) {
            this.listeners.add(listener);
        }

        void deliver(ApiKeyId keyId) {
            this.listeners.forEach((listener) -> listener.accept(keyId));
        }
    }
}
