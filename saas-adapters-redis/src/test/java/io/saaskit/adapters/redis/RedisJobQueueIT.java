package io.saaskit.adapters.redis;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.api.sync.RedisCommands;
import io.saaskit.adapters.redis.testing.TestRedis;
import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.jobs.port.JobBrokerContractTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job-queue contract on Redis Streams, plus the key layout and the consumer group. Leases follow the Redis
 * server's clock (the idle time of pending messages), so this test waits for them to pass.
 */
class RedisJobQueueIT extends JobBrokerContractTests {

    private final RedisConnections connections = new RedisConnections(TestRedis.settings());

    private final RedisJobQueue queue = new RedisJobQueue(this.connections, this.clock, RETRY);

    private final RedisJobQueue otherProcess = new RedisJobQueue(this.connections, this.clock, RETRY);

    @AfterEach
    void disconnect() {
        this.connections.close();
    }

    @Override
    protected JobBroker broker() {
        return this.queue;
    }

    @Override
    protected JobBroker otherWorker() {
        return this.otherProcess;
    }

    @Override
    protected void passLeaseTime(Duration time) {
        super.passLeaseTime(time);
        try {
            Thread.sleep(time.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyKeyLivesUnderThePrefixWithTheQueueAsHashTag() {
        this.queue.enqueue(new JobRequest(JobRequest.STRIPE_EVENTS, "stripe-event", "{}"));
        ClaimedJob delivery = this.queue.claim(1, LEASE).get(0);
        this.queue.fail(delivery, "retry me");
        String prefix = this.connections.settings().keyPrefix();

        RedisCommands<String, String> redis = this.connections.commands().sync();
        List<String> keys = redis.keys(prefix + "*");

        assertThat(keys).containsExactlyInAnyOrder(prefix + "jobs:queues", prefix + "jobs:{stripe-events}:stream",
                prefix + "jobs:{stripe-events}:retry", prefix + "jobs:{stripe-events}:job:" + delivery.job().id());
        assertThat(redis.xinfoGroups(prefix + "jobs:{stripe-events}:stream")).hasSize(1);
    }

    @Test
    void aCompletedJobLeavesNothingBehind() {
        this.queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{}"));
        this.queue.complete(this.queue.claim(1, LEASE).get(0));
        String prefix = this.connections.settings().keyPrefix();
        RedisCommands<String, String> redis = this.connections.commands().sync();

        assertThat(redis.xlen(prefix + "jobs:{maintenance}:stream")).isZero();
        assertThat(redis.keys(prefix + "jobs:{maintenance}:job:*")).isEmpty();
    }

    @Test
    void jobsEnqueuedTogetherAfterTheServerForgotTheScriptAreAllDelivered() {
        this.queue.enqueue(new JobRequest(JobRequest.MAINTENANCE, "job", "{\"n\":0}"));
        this.queue.complete(this.queue.claim(1, LEASE).get(0));
        this.connections.commands().sync().scriptFlush();

        this.queue.enqueueAll(List.of(new JobRequest(JobRequest.MAINTENANCE, "job", "{\"n\":1}"),
                new JobRequest(JobRequest.MAINTENANCE, "job", "{\"n\":2}")));

        assertThat(this.queue.claim(10, LEASE)).extracting((delivery) -> delivery.job().payload())
                .containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
    }
}
