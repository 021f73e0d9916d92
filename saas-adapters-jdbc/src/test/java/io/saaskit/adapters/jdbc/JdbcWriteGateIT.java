package io.saaskit.adapters.jdbc;

import java.time.Duration;

import io.saaskit.core.shared.port.WriteGate;
import io.saaskit.core.shared.port.WriteGateContractTests;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

class JdbcWriteGateIT extends WriteGateContractTests {

    private final JdbcWriteGate gate =
            new JdbcWriteGate(SharedDatabase.get().dataSource(), JdbcSettings.defaults(), this.clock);

    @Override
    protected WriteGate gate() {
        return this.gate;
    }

    @Test
    void gatesWhoseIntervalEndedAreDeletedAndOpenOnesKept() {
        this.gate.tryPass("sweep-me", Duration.ofMinutes(1));
        this.gate.tryPass("keep-me", Duration.ofHours(3));

        this.clock.advance(Duration.ofHours(2));
        int deleted = this.gate.deleteExpired(this.clock.instant());

        assertThat(JdbcClient.create(SharedDatabase.get().dataSource())
                .sql("select count(*) from write_gate where gate_key = 'sweep-me'").query(Long.class).single())
                .isZero();
        assertThat(deleted).isPositive();
        assertThat(this.gate.tryPass("keep-me", Duration.ofHours(3))).isFalse();
    }
}
