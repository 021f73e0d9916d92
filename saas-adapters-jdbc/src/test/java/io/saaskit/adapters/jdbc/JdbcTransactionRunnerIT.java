package io.saaskit.adapters.jdbc;

import io.saaskit.core.identity.User;
import io.saaskit.core.shared.port.TransactionRunner;
import io.saaskit.core.shared.port.TransactionRunnerContractTests;
import io.saaskit.core.tenancy.Organization;
import io.saaskit.core.testing.Fixtures;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JdbcTransactionRunnerIT extends TransactionRunnerContractTests {

    private final MutableClock clock = new MutableClock();

    private final TransactionRunner transactions = new JdbcTransactionRunner(SharedDatabase.get().dataSource());

    private final JdbcUserRepository users =
            new JdbcUserRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    private final JdbcOrganizationRepository organizations =
            new JdbcOrganizationRepository(SharedDatabase.get().dataSource(), JdbcSettings.defaults());

    @Override
    protected TransactionRunner transactions() {
        return this.transactions;
    }

    @Test
    void runtimeExceptionRollsBackEveryWriteOfTheTransaction() {
        User user = Fixtures.user(this.clock);
        Organization org = Fixtures.organization(this.clock);

        assertThatIllegalStateException().isThrownBy(() -> this.transactions.run(() -> {
            this.users.insert(user);
            this.organizations.insert(org);
            throw new IllegalStateException("fails after writing");
        }));

        assertThat(this.users.findById(user.id())).isEmpty();
        assertThat(this.organizations.findById(org.id())).isEmpty();
    }

    @Test
    void failureInANestedCallRollsBackTheOuterWritesToo() {
        User outer = Fixtures.user(this.clock);
        User inner = Fixtures.user(this.clock);

        assertThatIllegalStateException().isThrownBy(() -> this.transactions.run(() -> {
            this.users.insert(outer);
            this.transactions.run(() -> {
                this.users.insert(inner);
                throw new IllegalStateException("inner fails");
            });
        }));

        assertThat(this.users.findById(outer.id())).isEmpty();
        assertThat(this.users.findById(inner.id())).isEmpty();
    }

    @Test
    void successfulWorkCommitsAndNestedWritesAreVisibleToTheOuterCall() {
        User outer = Fixtures.user(this.clock);
        User inner = Fixtures.user(this.clock);

        boolean innerSeenInside = this.transactions.inTransaction(() -> {
            this.users.insert(outer);
            this.transactions.run(() -> this.users.insert(inner));
            return this.users.findById(inner.id()).isPresent();
        });

        assertThat(innerSeenInside).isTrue();
        assertThat(this.users.findById(outer.id())).isPresent();
        assertThat(this.users.findById(inner.id())).isPresent();
    }
}
