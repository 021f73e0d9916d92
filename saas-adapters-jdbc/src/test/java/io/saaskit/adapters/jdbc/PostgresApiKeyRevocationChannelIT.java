package io.saaskit.adapters.jdbc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.shared.Ids;
import io.saaskit.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two channels on one database stand for two application instances: a revocation published by one reaches the
 * other's listeners within a second, including after the listening connection was killed.
 */
class PostgresApiKeyRevocationChannelIT {

    private static final Duration DELIVERY = Duration.ofSeconds(1);

    private static final String LISTENING_BACKENDS = """
            select pid from pg_stat_activity
             where datname = current_database() and query like 'LISTEN saaskit_api_key_revoked%'
            """;

    private final MutableClock clock = new MutableClock();

    private final PostgresApiKeyRevocationChannel instanceA =
            new PostgresApiKeyRevocationChannel(SharedDatabase.get().dataSource(), Duration.ofMillis(100));

    private final PostgresApiKeyRevocationChannel instanceB =
            new PostgresApiKeyRevocationChannel(SharedDatabase.get().dataSource(), Duration.ofMillis(100));

    private final BlockingQueue<ApiKeyId> receivedByB = new LinkedBlockingQueue<>();

    private final JdbcClient admin = JdbcClient.create(SharedDatabase.get().admin());

    @AfterEach
    void close() {
        this.instanceA.close();
        this.instanceB.close();
    }

    @Test
    void revocationPublishedOnOneInstanceReachesTheOtherWithinASecond() throws InterruptedException {
        listenOnB();
        ApiKeyId revoked = new ApiKeyId(Ids.next(this.clock));

        this.instanceA.publish(revoked);

        assertThat(this.receivedByB.poll(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(revoked);
    }

    @Test
    void everyListenerOfTheInstanceIsCalledAndTheInstanceHearsItsOwnMessages() throws InterruptedException {
        BlockingQueue<ApiKeyId> second = new LinkedBlockingQueue<>();
        listenOnB();
        this.instanceB.subscribe(second::add);
        ApiKeyId revoked = new ApiKeyId(Ids.next(this.clock));

        this.instanceB.publish(revoked);

        assertThat(this.receivedByB.poll(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(revoked);
        assertThat(second.poll(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(revoked);
    }

    @Test
    void notificationSentInsideATransactionIsDeliveredOnlyOnCommit() throws InterruptedException {
        listenOnB();
        ApiKeyId revoked = new ApiKeyId(Ids.next(this.clock));
        TransactionTemplate transactions =
                new TransactionTemplate(new DataSourceTransactionManager(SharedDatabase.get().dataSource()));

        transactions.executeWithoutResult((status) -> {
            this.instanceA.publish(revoked);
            try {
                assertThat(this.receivedByB.poll(300, TimeUnit.MILLISECONDS)).isNull();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        });

        assertThat(this.receivedByB.poll(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(revoked);
    }

    @Test
    void listenerFailureDoesNotStopDelivery() throws InterruptedException {
        this.instanceB.subscribe((id) -> {
            throw new IllegalStateException("broken listener");
        });
        listenOnB();
        ApiKeyId revoked = new ApiKeyId(Ids.next(this.clock));

        this.instanceA.publish(revoked);

        assertThat(this.receivedByB.poll(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(revoked);
    }

    @Test
    void malformedMessagesAreIgnored() throws InterruptedException {
        listenOnB();
        ApiKeyId revoked = new ApiKeyId(Ids.next(this.clock));

        this.admin.sql("select pg_notify('saaskit_api_key_revoked', 'not-a-uuid')").query().listOfRows();
        this.instanceA.publish(revoked);

        assertThat(this.receivedByB.poll(DELIVERY.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(revoked);
    }

    @Test
    void listeningResumesAfterTheConnectionIsKilled() throws InterruptedException {
        listenOnB();
        List<Integer> killed = this.admin.sql(LISTENING_BACKENDS).query(Integer.class).list();
        assertThat(killed).isNotEmpty();
        killed.forEach((pid) -> this.admin.sql("select pg_terminate_backend(:pid)").param("pid", pid).query()
                .listOfRows());

        ApiKeyId revoked = new ApiKeyId(Ids.next(this.clock));
        ApiKeyId received = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (received == null && System.nanoTime() < deadline) {
            this.instanceA.publish(revoked);
            received = this.receivedByB.poll(200, TimeUnit.MILLISECONDS);
        }

        assertThat(received).isEqualTo(revoked);
        assertThat(this.admin.sql(LISTENING_BACKENDS).query(Integer.class).list()).doesNotContainAnyElementsOf(killed)
                .isNotEmpty();
    }

    @Test
    void closedChannelStopsListeningAndUnlistensBeforeReturningItsConnection() throws InterruptedException {
        listenOnB();
        assertThat(this.admin.sql(LISTENING_BACKENDS).query(Integer.class).list()).hasSize(1);

        this.instanceB.close();
        this.instanceA.publish(new ApiKeyId(Ids.next(this.clock)));

        assertThat(this.receivedByB.poll(700, TimeUnit.MILLISECONDS)).isNull();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!this.admin.sql(LISTENING_BACKENDS).query(Integer.class).list().isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(this.admin.sql(LISTENING_BACKENDS).query(Integer.class).list()).isEmpty();
    }

    private void listenOnB() throws InterruptedException {
        this.instanceB.subscribe(this.receivedByB::add);
        assertThat(this.instanceB.awaitListening(Duration.ofSeconds(10))).isTrue();
    }
}
