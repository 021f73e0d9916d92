package io.saaskit.example.seed;

import java.util.List;

import io.saaskit.core.audit.Actor;
import io.saaskit.core.identity.EmailAddress;
import io.saaskit.core.identity.User;
import io.saaskit.core.membership.MembershipService;
import io.saaskit.core.membership.MembershipSettings;
import io.saaskit.core.membership.Role;
import io.saaskit.core.membership.UserMembership;
import io.saaskit.core.memory.InMemoryAuditSink;
import io.saaskit.core.memory.InMemoryMembershipRepository;
import io.saaskit.core.memory.InMemoryOrganizationRepository;
import io.saaskit.core.memory.InMemoryTransactionRunner;
import io.saaskit.core.memory.InMemoryUserRepository;
import io.saaskit.core.tenancy.OrganizationDefaults;
import io.saaskit.core.testing.FastPasswordHasher;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoDataSeederTests {

    private final MutableClock clock = new MutableClock();

    private final InMemoryUserRepository users = new InMemoryUserRepository();

    private final InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();

    private final InMemoryMembershipRepository memberships = new InMemoryMembershipRepository(this.users,
            this.organizations);

    private final InMemoryTransactionRunner transactions = new InMemoryTransactionRunner();

    private final FastPasswordHasher hasher = new FastPasswordHasher();

    private final InMemoryAuditSink audit = new InMemoryAuditSink();

    private final MembershipService membershipService = new MembershipService(this.memberships, this.organizations,
            this.users, this.audit, this.transactions, this.clock,
            new MembershipSettings(new OrganizationDefaults("free", 1000L), false));

    private final DemoDataSeeder seeder = new DemoDataSeeder(this.users, this.hasher, this.membershipService,
            this.audit, this.transactions, this.clock);

    @Test
    void createsOwnerOfAcmeIncOnTheDefaultPlan() {
        assertThat(this.seeder.seed()).isTrue();

        User owner = this.users.findByEmail(new EmailAddress("owner@example.com")).orElseThrow();
        List<UserMembership> orgs = this.memberships.listActiveForUser(owner.id());
        assertThat(orgs).singleElement().satisfies((membership) -> {
            assertThat(membership.orgName()).isEqualTo("Acme Inc");
            assertThat(membership.role()).isEqualTo(Role.OWNER);
            assertThat(this.organizations.findById(membership.orgId()).orElseThrow().plan()).isEqualTo("free");
            assertThat(this.audit.entries(membership.orgId())).singleElement().satisfies((row) -> {
                assertThat(row.action()).isEqualTo("seed.create");
                assertThat(row.actor()).isEqualTo(Actor.SYSTEM);
            });
        });
    }

    @Test
    void storesOnlyAHashOfTheDemoPassword() {
        this.seeder.seed();

        String hash = this.users.findByEmail(new EmailAddress("owner@example.com")).orElseThrow().passwordHash()
                .orElseThrow();
        assertThat(hash).isNotEqualTo("password123");
        assertThat(this.hasher.matches("password123", hash)).isTrue();
    }

    @Test
    void secondRunChangesNothing() {
        this.seeder.seed();
        User owner = this.users.findByEmail(new EmailAddress("owner@example.com")).orElseThrow();

        assertThat(this.seeder.seed()).isFalse();

        assertThat(this.users.findByEmail(new EmailAddress("owner@example.com")).orElseThrow().id())
                .isEqualTo(owner.id());
        assertThat(this.memberships.listActiveForUser(owner.id())).hasSize(1);
    }
}
