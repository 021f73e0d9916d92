package io.saaskit.core.metering;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.saaskit.core.identity.UserId;
import io.saaskit.core.membership.MembershipId;
import io.saaskit.core.membership.OrgAccess;
import io.saaskit.core.membership.Role;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryOrganizationPlanStore;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryQuotaCounter;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUsageEventStore;
import io.saaskit.core.memory.InMemoryWriteGate;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.shared.GroupCommitSettings;
import io.saaskit.core.tenancy.OrgId;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.MutableClock;

import org.jspecify.annotations.Nullable;

/**
 * The metering services wired on in-memory ports, with a catalogue of {@code free} (5 requests, 2 emails),
 * {@code pro} (100 requests, price {@code price_pro}) and {@code unlimited}.
 */
final class MeteringFixture implements AutoCloseable {

    static final Plan FREE = new Plan("free", "Free", null, Map.of(Metrics.API_REQUESTS, 5L, "emails.sent", 2L));

    static final Plan PRO = new Plan("pro", "Pro", "price_pro", Map.of(Metrics.API_REQUESTS, 100L));

    static final Plan UNLIMITED = new Plan("unlimited", "Unlimited", null, Map.of());

    final MutableClock clock = new MutableClock();

    final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    final InMemoryOrganizationPlanStore planStore = new InMemoryOrganizationPlanStore(this.organizations);

    final InMemoryAuditSink audit = new InMemoryAuditSink();

    final InMemoryWriteGate gate = new InMemoryWriteGate(this.clock);

    final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

    final InMemoryQuotaCounter counter = new InMemoryQuotaCounter();

    final InMemoryUsageEventStore events = new InMemoryUsageEventStore();

    final PlanCatalogue catalogue = new PlanCatalogue(List.of(FREE, PRO, UNLIMITED), "free");

    final PlanService plans;

    final GroupCommitRecorder recorder;

    final MeteringService metering;

    final UsageService usage;

    MeteringFixture() {
        this(new PlanSettings(true, Duration.ofSeconds(1)));
    }

    MeteringFixture(PlanSettings planSettings) {
        this(planSettings, null);
    }

    MeteringFixture(PlanSettings planSettings, @Nullable UsageEventStore recorderStore) {
        this.plans = new PlanService(this.catalogue, this.planStore, this.audit, this.transactions, this.clock,
                planSettings);
        this.recorder = new GroupCommitRecorder((recorderStore != null) ? recorderStore : this.events,
                new GroupCommitSettings(100, Duration.ZERO, 2, Duration.ofSeconds(5)));
        this.metering = new MeteringService(this.plans, this.counter, this.events, this.recorder, this.audit,
                this.transactions, this.gate, this.clock);
        this.usage = new UsageService(this.metering, this.plans, this.events, this.clock);
    }

    /**
     * A new organization on the free plan, as registration creates it.
     */
    Organization organization() {
        Organization organization = Organization.create(new OrgId(UUID.randomUUID()), "Org " + UUID.randomUUID()
                .toString().substring(0, 8), "free", 5L, this.clock.instant());
        this.organizations.insert(organization);
        return organization;
    }

    /**
     * Access to an organization with a role.
     */
    static OrgAccess access(Organization organization, Role role) {
        return new OrgAccess(organization.id(), new UserId(UUID.randomUUID()), new MembershipId(UUID.randomUUID()),
                role);
    }

    @Override
    public void close() {
        this.recorder.close();
    }
}
