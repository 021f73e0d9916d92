package io.saaskit.core.tenancy.port;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.saaskit.core.shared.Ids;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour every {@link OrganizationRepository} must show. Extend it once per implementation and return
 * the repository under test from {@link #organizations()} and the transaction runner it joins from
 * {@link #transactions()} ({@code lock} only means something inside a transaction).
 *
 * <p>Every test creates its own organizations, so implementations may share one database without cleaning up.
 */
public abstract class OrganizationRepositoryContractTests {

    /** The clock that stamps test records; its instants have whole milliseconds. */
    protected final MutableClock clock = new MutableClock();

    /**
     * The repository under test. May be called many times per test; every call must see the same store.
     * @return the repository
     */
    protected abstract OrganizationRepository organizations();

    /**
     * The transaction runner the repository takes part in.
     * @return the runner
     */
    protected abstract TransactionRunner transactions();

    @Test
    void insertedOrganizationIsFoundWithEveryField() {
        Organization organization = Fixtures.organization(this.clock, "Acme Inc");
        organizations().insert(organization);

        Optional<Organization> found = organizations().findById(organization.id());

        assertThat(found).isPresent();
        assertSameOrganization(found.get(), organization);
    }

    @Test
    void unlimitedPlanIsStoredWithoutLimit() {
        Organization organization = Organization.create(new OrgId(Ids.next(this.clock)), "Unlimited Co", "pro",
                null, this.clock.instant());
        organizations().insert(organization);

        Organization found = organizations().findById(organization.id()).orElseThrow();

        assertThat(found.plan()).isEqualTo("pro");
        assertThat(found.planLimit()).isEmpty();
    }

    @Test
    void unknownOrganizationIsNotFound() {
        assertThat(organizations().findById(new OrgId(Ids.next(this.clock)))).isEmpty();
    }

    @Test
    void lockInsideATransactionReturnsTheOrganization() {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);

        Optional<Organization> locked = transactions().inTransaction(() -> organizations().lock(organization.id()));

        assertThat(locked).map(Organization::id).contains(organization.id());
    }

    @Test
    void lockOfUnknownOrganizationIsEmpty() {
        OrgId unknown = new OrgId(Ids.next(this.clock));

        assertThat(transactions().inTransaction(() -> organizations().lock(unknown))).isEmpty();
    }

    @Test
    void lockMakesASecondTransactionWaitUntilTheFirstEnds() throws Exception {
        Organization organization = Fixtures.organization(this.clock);
        organizations().insert(organization);
        CountDownLatch firstHoldsLock = new CountDownLatch(1);
        AtomicBoolean firstFinished = new AtomicBoolean();
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture<Void> first = CompletableFuture.runAsync(() -> transactions().run(() -> {
                organizations().lock(organization.id()).orElseThrow();
                firstHoldsLock.countDown();
                pause(Duration.ofMillis(300));
                firstFinished.set(true);
            }), executor);
            assertThat(firstHoldsLock.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> transactions().inTransaction(() -> {
                organizations().lock(organization.id()).orElseThrow();
                return firstFinished.get();
            }), executor);

            first.get(10, TimeUnit.SECONDS);
            assertThat(second.get(10, TimeUnit.SECONDS)).as("second lock granted only after the first ended")
                    .isTrue();
        }
        finally {
            executor.shutdownNow();
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Asserts that a loaded organization carries every field of the expected one.
     * @param actual the loaded organization
     * @param expected the stored organization
     */
    protected static void assertSameOrganization(Organization actual, Organization expected) {
        assertThat(actual.id()).isEqualTo(expected.id());
        assertThat(actual.name()).isEqualTo(expected.name());
        assertThat(actual.plan()).isEqualTo(expected.plan());
        assertThat(actual.planLimit()).isEqualTo(expected.planLimit());
        assertThat(actual.createdAt()).isEqualTo(expected.createdAt());
        assertThat(actual.updatedAt()).isEqualTo(expected.updatedAt());
    }
}
