package io.saaskit.adapters.redis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.DeadJob;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobCounts;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.shared.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobBroker} on Redis Streams: one stream per queue read by the consumer group {@code workers}, in which every
 * instance of this class is one consumer.
 *
 * <p>Keys, all under the configured prefix, with the queue name as cluster hash tag so one queue's keys share a
 * slot: {@code jobs:{<queue>}:stream} (messages naming job ids), {@code jobs:{<queue>}:job:<id>} (a hash with the
 * job's type, payload and attempts), {@code jobs:{<queue>}:retry} (failed jobs by due time) and
 * {@code jobs:{<queue>}:dead} (dead letters, newest first); {@code jobs:queues} lists the queues ever used.
 *
 * <p>A claim is one Lua script per queue: due retries go back onto the stream, messages whose lease ran out (idle
 * in the group's pending list for longer than the lease, measured on the Redis server's clock) are taken over with
 * {@code XAUTOCLAIM} as the next attempt (or sent to the dead letters after the last), and new messages are read
 * with {@code XREADGROUP}. Extending a lease re-claims the message for the same consumer, which resets its idle
 * time. Settling a delivery first checks that the message is still pending for this consumer, so a worker whose
 * lease was lost changes nothing. Completion acknowledges and deletes the message and the job. A failure schedules
 * a retry after the backoff (due times on the given clock) or moves the job to the dead letters; a release puts a
 * fresh message on the stream and gives the attempt back.
 *
 * <p>When Redis cannot be reached every method throws {@link ServiceUnavailableException}, after logging the
 * failure at most once every few seconds.
 */
public final class RedisJobQueue implements JobBroker {

    /** The consumer group every worker reads in. */
    static final String GROUP = "workers";

    private static final Logger logger = LoggerFactory.getLogger(RedisJobQueue.class);

    private static final RedisScript ENQUEUE = RedisScript.fromResource("job-enqueue.lua");

    private static final RedisScript CLAIM = RedisScript.fromResource("job-claim.lua");

    private static final RedisScript SETTLE = RedisScript.fromResource("job-settle.lua");

    private static final long NOT_OURS = -1;

    private static final long DIED = 2;

    private final RedisConnections connections;
    private final Clock clock;
    private final JobRetryPolicy retry;
    private final String prefix;
    private final String consumer;
    private final AtomicInteger rotation = new AtomicInteger();
    private final OutageLog outages = new OutageLog(logger, "Redis job queue");

    /**
     * Creates the queue; each instance is a consumer of its own.
     * @param connections the shared connections
     * @param clock the clock retry due times follow
     * @param retry when failed jobs are retried and given up
     */
    public RedisJobQueue(RedisConnections connections, Clock clock, JobRetryPolicy retry) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.prefix = connections.settings().keyPrefix() + "jobs:";
        this.consumer = "worker-" + UUID.randomUUID();
    }

    @Override
    public void enqueue(JobRequest request) {
        enqueueAll(List.of(request));
    }

    /** Sends the jobs' {@code SADD} and script calls together: one round trip for the whole batch. */
    @Override
    public void enqueueAll(List<JobRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        String now = Long.toString(this.clock.millis());
        List<RedisScript.Call> calls = new ArrayList<>(requests.size());
        for (JobRequest request : requests) {
            String id = UUID.randomUUID().toString();
            calls.add(new RedisScript.Call(new String[] { key(request.queue(), "stream"), jobKey(request.queue(), id) },
                    new String[] { id, request.type(), request.payload(), request.queue(), now }));
        }
        try {
            StatefulRedisConnection<String, String> connection = this.connections.commands();
            RedisFuture<Long> registered = connection.async().sadd(queuesKey(),
                    requests.stream().map(JobRequest::queue).distinct().toArray(String[]::new));
            Duration timeout = this.connections.settings().commandTimeout();
            ENQUEUE.runAll(connection, ScriptOutputType.VALUE, calls, timeout);
            RedisScript.await(registered, timeout);
        }
        catch (RedisException ex) {
            throw unavailable(ex, "jobs not enqueued");
        }
    }

    @Override
    public List<ClaimedJob> claim(int max, Duration lease) {
        if (max < 1) {
            throw new IllegalArgumentException("max is at least 1");
        }
        try {
            RedisCommands<String, String> commands = commands();
            List<String> queues = new ArrayList<>(commands.smembers(queuesKey()));
            queues.sort(Comparator.naturalOrder());
            List<ClaimedJob> claimed = new ArrayList<>();
            int start = queues.isEmpty() ? 0 : Math.floorMod(this.rotation.getAndIncrement(), queues.size());
            for (int i = 0; i < queues.size() && claimed.size() < max; i++) {
                String queue = queues.get((start + i) % queues.size());
                claimed.addAll(claimFrom(commands, queue, max - claimed.size(), lease));
            }
            return claimed;
        }
        catch (RedisException ex) {
            throw unavailable(ex, "no job claimed");
        }
    }

    private List<ClaimedJob> claimFrom(RedisCommands<String, String> commands, String queue, int count,
            Duration lease) {
        List<Object> reply = CLAIM.run(commands, ScriptOutputType.MULTI,
                new String[] { key(queue, "stream"), key(queue, "retry"), key(queue, "dead") }, GROUP, this.consumer,
                Long.toString(this.clock.millis()), Long.toString(Math.max(1, lease.toMillis())),
                Integer.toString(count), Integer.toString(this.retry.maxAttempts()), key(queue, "job:"));
        List<ClaimedJob> claimed = new ArrayList<>();
        for (int i = 0; i + 4 < reply.size(); i += 5) {
            Job job = new Job((String) reply.get(i + 1), queue, (String) reply.get(i + 2), (String) reply.get(i + 3),
                    ((Long) reply.get(i + 4)).intValue());
            claimed.add(new ClaimedJob(job, (String) reply.get(i)));
        }
        return claimed;
    }

    @Override
    public boolean complete(ClaimedJob job) {
        return settle("complete", job, 0, "") != NOT_OURS;
    }

    @Override
    public boolean fail(ClaimedJob job, String error) {
        int attempt = job.job().attempt();
        Instant due = this.clock.instant().plus(this.retry.retries(attempt) ? this.retry.delayAfter(attempt)
                : Duration.ZERO);
        return settle("fail", job, due.toEpochMilli(), error) == DIED;
    }

    @Override
    public void release(ClaimedJob job) {
        settle("release", job, 0, "");
    }

    @Override
    public boolean extend(ClaimedJob job, Duration lease) {
        // The lease is the group's idle threshold; re-claiming resets the idle time to zero.
        return settle("extend", job, 0, "") != NOT_OURS;
    }

    private long settle(String action, ClaimedJob delivery, long due, String error) {
        Job job = delivery.job();
        String queue = job.queue();
        try {
            Long result = SETTLE.run(commands(), ScriptOutputType.INTEGER,
                    new String[] { key(queue, "stream"), key(queue, "retry"), key(queue, "dead"),
                        jobKey(queue, job.id()) },
                    action, GROUP, this.consumer, delivery.receipt(), job.id(), Long.toString(this.clock.millis()),
                    Long.toString(due), Integer.toString(this.retry.maxAttempts()), error);
            return result;
        }
        catch (RedisException ex) {
            throw unavailable(ex, "job not settled (" + action + ")");
        }
    }

    @Override
    public JobCounts counts() {
        try {
            RedisCommands<String, String> commands = commands();
            long failed = 0;
            long dead = 0;
            for (String queue : commands.smembers(queuesKey())) {
                failed += commands.zcard(key(queue, "retry"));
                dead += commands.llen(key(queue, "dead"));
            }
            return new JobCounts(failed, dead);
        }
        catch (RedisException ex) {
            throw unavailable(ex, "jobs not counted");
        }
    }

    @Override
    public List<DeadJob> deadLetters(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1");
        }
        try {
            RedisCommands<String, String> commands = commands();
            List<DeadJob> dead = new ArrayList<>();
            for (String queue : commands.smembers(queuesKey())) {
                for (String id : commands.lrange(key(queue, "dead"), 0, limit - 1)) {
                    List<KeyValue<String, String>> fields = commands.hmget(jobKey(queue, id), "type", "payload",
                            "attempts", "error", "diedAt");
                    if (fields.get(0).hasValue()) {
                        Job job = new Job(id, queue, fields.get(0).getValue(), fields.get(1).getValueOrElse(""),
                                Math.max(1, Integer.parseInt(fields.get(2).getValueOrElse("1"))));
                        dead.add(new DeadJob(job, fields.get(3).getValueOrElse(""),
                                Instant.ofEpochMilli(Long.parseLong(fields.get(4).getValueOrElse("0")))));
                    }
                }
            }
            dead.sort(Comparator.comparing(DeadJob::diedAt).reversed());
            return List.copyOf(dead.subList(0, Math.min(limit, dead.size())));
        }
        catch (RedisException ex) {
            throw unavailable(ex, "dead letters not listed");
        }
    }

    private RedisCommands<String, String> commands() {
        return this.connections.commands().sync();
    }

    private String queuesKey() {
        return this.prefix + "queues";
    }

    private String key(String queue, String suffix) {
        return this.prefix + "{" + queue + "}:" + suffix;
    }

    private String jobKey(String queue, String id) {
        return key(queue, "job:") + id;
    }

    private ServiceUnavailableException unavailable(RedisException failure, String consequence) {
        this.outages.failure(failure, consequence);
        return new ServiceUnavailableException(failure);
    }

    @Override
    public String toString() {
        return "RedisJobQueue[" + this.prefix + ", " + this.consumer + ", " + this.retry + "]";
    }
}
