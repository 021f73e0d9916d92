package io.saaskit.adapters.jdbc;

import java.time.Duration;
import java.util.List;

import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.jobs.port.JobBrokerContractTests;
import io.saaskit.core.shared.port.TransactionRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The job-queue contract on PostgreSQL, plus joining the caller's transaction and the row states.
 */
class JdbcJobQueueIT extends JobBrokerContractTests {

    private static OwnedDatabase database;

    private final JdbcJobQueue queue = new JdbcJobQueue(database.dataSource(), this.clock, RETRY);

    private final JdbcJobQueue otherProcess = new JdbcJobQueue(database.dataSource(), this.clock, RETRY);

    @BeforeAll
    static void createDatabase() {
        database = OwnedDatabase.withTenantRole(6).migrated(JdbcSettings.defaults());
    }

    @BeforeEach
    void emptyTheQueue() {
        JdbcClient.create(database.admin()).sql("truncate job").update();
    }

    @Override
    protected JobBroker broker() {
        return this.queue;
    }

    @Override
    protected JobBroker otherWorker() {
        return this.otherProcess;
    }

    @Test
    void anEnqueuedJobCommitsAndRollsBackWithTheCallersTransaction() {
        TransactionRunner transactions = new JdbcTransactionRunner(database.dataSource());

        assertThatIllegalStateException().isThrownBy(() -> transactions.inTransaction(() -> {
            this.queue.enqueue(new JobRequest(JobRequest.STRIPE_EVENTS, "stripe-event", "{\"inboxId\":\"a\"}"));
            throw new IllegalStateException("the caller's work failed");
        }));
        assertThat(this.queue.claim(10, LEASE)).isEmpty();

        transactions.inTransaction(() -> {
            this.queue.enqueue(new JobRequest(JobRequest.STRIPE_EVENTS, "stripe-event", "{\"inboxId\":\"b\"}"));
            return null;
        });
        assertThat(this.queue.claim(10, LEASE)).singleElement()
                .satisfies((job) -> assertThat(job.job().payload()).isEqualTo("{\"inboxId\":\"b\"}"));
    }

    @Test
    void rowsMoveThroughReadyRunningAndDeadAndCompletedJobsAreDeleted() {
        JdbcClient admin = JdbcClient.create(database.admin());
        this.queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, "done", "{}"));
        this.queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, "running", "{}"));
        assertThat(admin.sql("select state from job").query(String.class).list()).containsOnly("ready");

        List<ClaimedJob> claimed = this.queue.claim(10, LEASE);
        assertThat(admin.sql("select state from job").query(String.class).list()).containsOnly("running");
        this.queue.complete(claimed.stream().filter((job) -> job.job().type().equals("done")).findFirst()
                .orElseThrow());

        assertThat(admin.sql("select type || ':' || state || ':' || attempts from job").query(String.class).list())
                .containsExactly("running:running:1");
    }

    @Test
    void aLeaseEndsOnTheDatabaseClockOfTheQueueNotOnTheWorkersThread() {
        this.queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        this.queue.claim(1, Duration.ofMinutes(5));

        this.clock.advance(Duration.ofMinutes(4));
        assertThat(this.otherProcess.claim(1, LEASE)).isEmpty();
        this.clock.advance(Duration.ofMinutes(1));
        assertThat(this.otherProcess.claim(1, LEASE)).hasSize(1);
    }
}
