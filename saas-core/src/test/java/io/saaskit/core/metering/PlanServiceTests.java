package io.saaskit.core.metering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.saaskit.core.audit.AuditEntry;
import io.saaskit.core.metering.port.OrganizationPlanStore;
import io.saaskit.core.membership.Role;
import io.saaskit.core.shared.ClientInfo;
import io.saaskit.core.shared.FieldError;
import io.saaskit.core.shared.ForbiddenException;
import io.saaskit.core.shared.RequestContext;
import io.saaskit.core.shared.ValidationException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlanServiceTests {

    private final MeteringFixture fixture = new MeteringFixture();

    private final Organization org = this.fixture.organization();

    @AfterEach
    void close() {
        this.fixture.close();
    }

    @Test
    void aNewOrganizationIsOnTheDefaultPlan() {
        CurrentPlan current = this.fixture.plans.current(MeteringFixture.access(this.org, Role.ADMIN));

        assertThat(current).isEqualTo(new CurrentPlan("free", 5L, PlanSource.DEFAULT));
    }

    @Test
    void anOverrideBecomesEffectiveIsStoredAndAudited() {
        CurrentPlan changed = this.fixture.plans.override(MeteringFixture.access(this.org, Role.OWNER), " tiny ", 1,
                new RequestContext("req-7", ClientInfo.UNKNOWN));

        assertThat(changed).isEqualTo(new CurrentPlan("tiny", 1L, PlanSource.OVERRIDE));
        assertThat(this.fixture.planStore.find(this.org.id()))
                .contains(new OrganizationPlan("tiny", 1L, PlanSource.OVERRIDE, "tiny", 1L));
        assertThat(this.fixture.plans.effective(this.org.id()).apiRequestsLimit()).isEqualTo(1L);
        List<AuditEntry> entries = this.fixture.audit.entries(this.org.id());
        assertThat(entries).extracting(AuditEntry::action).containsExactly("admin.plan.update", "plan.changed");
        assertThat(entries.get(0).metadata()).containsEntry("plan", "tiny").containsEntry("planLimit", 1L)
                .containsKey("previous");
        assertThat(entries.get(0).requestId()).isEqualTo("req-7");
        assertThat(entries.get(1).metadata()).containsEntry("from", "free").containsEntry("to", "tiny")
                .containsEntry("source", "override");
    }

    @Test
    void anOverrideOfACataloguePlanKeepsItsOtherLimits() {
        this.fixture.plans.override(MeteringFixture.access(this.org, Role.OWNER), "free", 50,
                RequestContext.NONE);

        EffectivePlan effective = this.fixture.plans.effective(this.org.id());

        assertThat(effective.apiRequestsLimit()).isEqualTo(50L);
        assertThat(effective.plan().limit("emails.sent")).contains(2L);
    }

    @Test
    void clearingTheOverrideReturnsToTheDefaultPlan() {
        this.fixture.plans.override(MeteringFixture.access(this.org, Role.OWNER), "tiny", 1, RequestContext.NONE);

        CurrentPlan cleared = this.fixture.plans.clearOverride(MeteringFixture.access(this.org, Role.OWNER),
                RequestContext.NONE);

        assertThat(cleared).isEqualTo(new CurrentPlan("free", 5L, PlanSource.DEFAULT));
        assertThat(this.fixture.planStore.find(this.org.id()))
                .contains(new OrganizationPlan("free", 5L, PlanSource.DEFAULT, null, null));
        assertThat(this.fixture.audit.entries(this.org.id())).extracting(AuditEntry::action)
                .containsExactly("admin.plan.update", "plan.changed", "admin.plan.cleared", "plan.changed");
    }

    @Test
    void readingNeedsPlanRead() {
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.fixture.plans.current(MeteringFixture.access(this.org, Role.MEMBER)))
                .satisfies((ex) -> assertThat(ex.requiredPermission()).contains("plan.read"));
    }

    @Test
    void changingNeedsPlanUpdate() {
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.fixture.plans.override(MeteringFixture.access(this.org, Role.ADMIN), "tiny", 1,
                        RequestContext.NONE))
                .satisfies((ex) -> assertThat(ex.requiredPermission()).contains("plan.update"));
        assertThatExceptionOfType(ForbiddenException.class)
                .isThrownBy(() -> this.fixture.plans.clearOverride(MeteringFixture.access(this.org, Role.ADMIN),
                        RequestContext.NONE));
    }

    @Test
    void overridesCanBeSwitchedOff() {
        try (MeteringFixture locked = new MeteringFixture(new PlanSettings(false, Duration.ofSeconds(1)))) {
            Organization organization = locked.organization();

            assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> locked.plans.override(
                    MeteringFixture.access(organization, Role.OWNER), "tiny", 1, RequestContext.NONE))
                    .withMessage("Plan override is disabled");
            assertThatExceptionOfType(ForbiddenException.class).isThrownBy(() -> locked.plans.clearOverride(
                    MeteringFixture.access(organization, Role.OWNER), RequestContext.NONE));
            assertThat(locked.plans.current(MeteringFixture.access(organization, Role.OWNER)).plan())
                    .isEqualTo("free");
        }
    }

    @Test
    void everyBrokenRuleIsReportedTogether() {
        assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.fixture.plans.override(
                MeteringFixture.access(this.org, Role.OWNER), "x", 0, RequestContext.NONE))
                .satisfies((ex) -> assertThat(ex.errors()).extracting(FieldError::field)
                        .containsExactly("plan", "planLimit"));
        assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> this.fixture.plans.override(
                MeteringFixture.access(this.org, Role.OWNER), "p".repeat(65), 10, RequestContext.NONE));
        assertThat(this.fixture.audit.entries(this.org.id())).isEmpty();
    }

    @Test
    void theEffectivePlanIsCachedForTheConfiguredTime() {
        assertThat(this.fixture.plans.effective(this.org.id()).apiRequestsLimit()).isEqualTo(5L);
        this.fixture.planStore.save(this.org.id(), new OrganizationPlan("pro", 100L, PlanSource.OVERRIDE, "pro",
                100L), this.fixture.clock.instant());

        assertThat(this.fixture.plans.effective(this.org.id()).apiRequestsLimit()).as("cached").isEqualTo(5L);
        this.fixture.clock.advance(Duration.ofMillis(1001));
        assertThat(this.fixture.plans.effective(this.org.id()).apiRequestsLimit()).isEqualTo(100L);
    }

    @Test
    void anExpiredPlanIsReadAgainByOneCallerWhileTheOthersGoOnWithIt() throws Exception {
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finds = new AtomicInteger();
        AtomicBoolean block = new AtomicBoolean();
        OrganizationPlanStore slow = new OrganizationPlanStore() {
            @Override
            public Optional<OrganizationPlan> find(OrgId orgId) {
                finds.incrementAndGet();
                if (block.get()) {
                    reading.countDown();
                    await(release);
                }
                return PlanServiceTests.this.fixture.planStore.find(orgId);
            }

            @Override
            public boolean save(OrgId orgId, OrganizationPlan plan, Instant now) {
                return PlanServiceTests.this.fixture.planStore.save(orgId, plan, now);
            }
        };
        PlanService plans = new PlanService(this.fixture.catalogue, slow, this.fixture.audit,
                this.fixture.transactions, this.fixture.clock, new PlanSettings(true, Duration.ofSeconds(1)));
        assertThat(plans.effective(this.org.id()).apiRequestsLimit()).isEqualTo(5L);
        this.fixture.planStore.save(this.org.id(), new OrganizationPlan("pro", 100L, PlanSource.OVERRIDE, "pro",
                100L), this.fixture.clock.instant());
        this.fixture.clock.advance(Duration.ofMillis(1001));
        block.set(true);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<EffectivePlan> reloading = executor.submit(() -> plans.effective(this.org.id()));
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

            assertThat(plans.effective(this.org.id()).apiRequestsLimit()).as("expired entry, while read again")
                    .isEqualTo(5L);
            release.countDown();
            assertThat(reloading.get(10, TimeUnit.SECONDS).apiRequestsLimit()).isEqualTo(100L);
        }
        finally {
            executor.shutdownNow();
        }
        block.set(false);
        assertThat(plans.effective(this.org.id()).apiRequestsLimit()).isEqualTo(100L);
        assertThat(finds.get()).as("one initial read, one read again").isEqualTo(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void staleColumnsAreRewrittenWhenRead() {
        this.fixture.planStore.save(this.org.id(), new OrganizationPlan("free", 1000L, PlanSource.DEFAULT, null,
                null), this.fixture.clock.instant());

        EffectivePlan effective = this.fixture.plans.effective(this.org.id());

        assertThat(effective.apiRequestsLimit()).isEqualTo(5L);
        assertThat(this.fixture.planStore.find(this.org.id()))
                .contains(new OrganizationPlan("free", 5L, PlanSource.DEFAULT, null, null));
    }

    @Test
    void anUnknownOrganizationGetsTheDefaultPlan() {
        Organization notStored = Organization.create(new OrgId(UUID.randomUUID()),
                "Ghost", "free", 5L, this.fixture.clock.instant());

        assertThat(this.fixture.plans.effective(notStored.id()).plan().id()).isEqualTo("free");
    }
}
