package io.saaskit.adapters.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.apikey.ApiKeyId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances, each with its own connections and channel, on one Redis: what one publishes, the other hears
 * within a second, also after Redis dropped the listener's pub/sub connection.
 */
class RedisApiKeyRevocationChannelIT {

    private final String prefix = TestRedis.uniquePrefix();

    private final String clientNameB = "saaskit-test-" + UUID.randomUUID();

    private RedisConnections connectionsA;

    private RedisConnections connectionsB;

    private RedisApiKeyRevocationChannel channelA;

    private RedisApiKeyRevocationChannel channelB;

    private final BlockingQueue<ApiKeyId> heardByA = new LinkedBlockingQueue<>();

    private final BlockingQueue<ApiKeyId> heardByB = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        this.connectionsA = new RedisConnections(new RedisSettings(TestRedis.url(), this.prefix));
        this.connectionsB = new RedisConnections(new RedisSettings(TestRedis.url(), this.prefix), this.clientNameB);
        this.channelA = new RedisApiKeyRevocationChannel(this.connectionsA);
        this.channelB = new RedisApiKeyRevocationChannel(this.connectionsB);
        this.channelA.subscribe(this.heardByA::add);
        this.channelB.subscribe(this.heardByB::add);
    }

    @AfterEach
    void stop() {
        this.connectionsA.close();
        this.connectionsB.close();
    }

    @Test
    void aRevocationPublishedOnOneInstanceReachesTheOtherWithinASecond() throws InterruptedException {
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        this.channelA.publish(key);

        assertThat(this.heardByB.poll(1, TimeUnit.SECONDS)).isEqualTo(key);
    }

    @Test
    void thePublishingInstanceHearsItsOwnRevocationExactlyOnceAndAtOnce() throws InterruptedException {
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        this.channelA.publish(key);

        assertThat(this.heardByA.poll()).as("delivered before publish returns").isEqualTo(key);
        assertThat(this.heardByB.poll(1, TimeUnit.SECONDS)).isEqualTo(key);
        assertThat(this.heardByA.poll(300, TimeUnit.MILLISECONDS)).as("its own echo is ignored").isNull();
    }

    @Test
    void theChannelNameCarriesTheKeyPrefix() {
        assertThat(this.channelA.channel()).isEqualTo(this.prefix + "apikey-revoked");
    }

    @Test
    void malformedMessagesOnTheChannelAreIgnored() throws InterruptedException {
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        List<String> messages = List.of("no-space", "someone-else not-a-uuid", "");
        for (String message : messages) {
            this.connectionsA.commands().sync().publish(this.channelA.channel(), message);
        }

        this.channelA.publish(key);

        assertThat(this.heardByB.poll(1, TimeUnit.SECONDS)).isEqualTo(key);
        assertThat(this.heardByB).isEmpty();
    }

    @Test
    void aFailingListenerDoesNotKeepTheOthersFromHearing() throws InterruptedException {
        BlockingQueue<ApiKeyId> afterTheFailure = new LinkedBlockingQueue<>();
        this.channelB.subscribe((key) -> {
            throw new IllegalStateException("listener bug");
        });
        this.channelB.subscribe(afterTheFailure::add);
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());

        this.channelA.publish(key);

        assertThat(this.heardByB.poll(1, TimeUnit.SECONDS)).isEqualTo(key);
        assertThat(afterTheFailure.poll(1, TimeUnit.SECONDS)).isEqualTo(key);
    }

    @Test
    void theListenerStillHearsAfterRedisKilledItsPubSubConnection() throws InterruptedException {
        RedisClient admin = TestRedis.client(TestRedis.url());
        try (StatefulRedisConnection<String, String> connection = admin.connect()) {
            List<String> killed = pubSubClientIds(connection);
            assertThat(killed).as("B's pub/sub connection").hasSize(1);
            connection.sync().clientKill(KillArgs.Builder.id(Long.parseLong(killed.get(0))));
            waitUntil(() -> !pubSubClientIds(connection).equals(killed), Duration.ofSeconds(10));

            ApiKeyId key = new ApiKeyId(UUID.randomUUID());
            ApiKeyId heard = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (heard == null && System.nanoTime() < deadline) {
                this.channelA.publish(key);
                heard = this.heardByB.poll(200, TimeUnit.MILLISECONDS);
            }

            assertThat(heard).isEqualTo(key);
            assertThat(pubSubClientIds(connection)).as("reconnected under a new id").hasSize(1)
                    .doesNotContainAnyElementsOf(killed);
        }
        finally {
            admin.shutdown();
        }
    }

    /** The client ids of B's connections that are subscribed to something. */
    private List<String> pubSubClientIds(StatefulRedisConnection<String, String> admin) {
        return admin.sync().clientList().lines()
                .filter((line) -> line.contains(" name=" + this.clientNameB + " "))
                .filter((line) -> !line.contains(" sub=0 "))
                .map((line) -> line.substring(line.indexOf("id=") + 3, line.indexOf(' ', line.indexOf("id="))))
                .toList();
    }

    private static void waitUntil(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
