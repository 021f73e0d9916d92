package io.saaskit.example;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.saaskit.core.shared.NotFoundException;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.tenancy.port.OrganizationRepository;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link OrganizationNames}: a name is read once, refreshed in the background while callers keep the one they
 * had, never served past its maximum age, and an unknown organization is a 404.
 */
class OrganizationNamesTests {

    private static final OrgId ORG = new OrgId(UUID.randomUUID());

    private final CountingOrganizations organizations = new CountingOrganizations();

    private final AtomicLong nanos = new AtomicLong();

    private final List<Runnable> background = new ArrayList<>();

    private final OrganizationNames names = new OrganizationNames(this.organizations, this.nanos::get,
            this.background::add);

    @Test
    void aNameIsReadOnceWhileFresh() {
        this.organizations.name(ORG, "Acme");

        for (int i = 0; i < 100; i++) {
            assertThat(this.names.of(ORG)).isEqualTo("Acme");
        }
        runBackgroundWork();

        assertThat(this.organizations.reads.get()).isOne();
    }

    @Test
    void aBusyNameIsReadAgainInTheBackgroundWhileCallersKeepTheOldOne() {
        cacheThenRename(OrganizationNames.REFRESH_AFTER.plusSeconds(1));

        for (int i = 0; i < 32; i++) {
            assertThat(this.names.of(ORG)).isEqualTo("Acme");
        }
        assertThat(this.organizations.reads.get()).as("no caller read the name itself").isOne();

        runBackgroundWork();

        assertThat(this.organizations.reads.get()).as("one background read for all callers").isEqualTo(2);
        assertThat(this.names.of(ORG)).isEqualTo("Acme Renamed");
    }

    @Test
    void aNameIsNeverServedPastItsMaximumAge() {
        cacheThenRename(OrganizationNames.MAX_AGE.plusSeconds(1));

        assertThat(this.names.of(ORG)).isEqualTo("Acme Renamed");
        assertThat(this.organizations.reads.get()).isEqualTo(2);
    }

    @Test
    void anUnknownOrganizationIsNotFoundAndNotRemembered() {
        assertThatExceptionOfType(NotFoundException.class).isThrownBy(() -> this.names.of(ORG));

        this.organizations.name(ORG, "Late");

        assertThat(this.names.of(ORG)).isEqualTo("Late");
    }

    /** Runs what the cache handed to its executor: reloads, and its own upkeep. */
    private void runBackgroundWork() {
        while (!this.background.isEmpty()) {
            this.background.remove(0).run();
        }
    }

    /** Caches the name "Acme", renames the organization "Acme Renamed", and lets {@code elapsed} pass. */
    private void cacheThenRename(Duration elapsed) {
        this.organizations.name(ORG, "Acme");
        this.names.of(ORG);
        this.organizations.name(ORG, "Acme Renamed");
        this.nanos.addAndGet(elapsed.toNanos());
    }

    /** Organizations in a map whose names a test can change, counting reads. */
    private static final class CountingOrganizations implements OrganizationRepository {

        private final Map<OrgId, Organization> byId = new ConcurrentHashMap<>();

        private final AtomicInteger reads = new AtomicInteger();

        void name(OrgId id, String name) {
            this.byId.put(id, Organization.create(id, name, "free", 1000L, Instant.EPOCH));
        }

        @Override
        public void insert(Organization organization) {
            this.byId.put(organization.id(), organization);
        }

        @Override
        public Optional<Organization> findById(OrgId orgId) {
            this.reads.incrementAndGet();
            return Optional.ofNullable(this.byId.get(orgId));
        }

        @Override
        public Optional<Organization> lock(OrgId orgId) {
            return findById(orgId);
        }
    }
}
