package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import javax.sql.DataSource;

import io.saaskit.core.jobs.ClaimedJob;
import io.saaskit.core.jobs.DeadJob;
import io.saaskit.core.jobs.Job;
import io.saaskit.core.jobs.JobCounts;
import io.saaskit.core.jobs.JobRequest;
import io.saaskit.core.jobs.JobRetryPolicy;
import io.saaskit.core.jobs.port.JobBroker;
import io.saaskit.core.shared.ServiceUnavailableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link JobBroker} on the PostgreSQL table {@code job} (migration V8): the job queue used when Redis is not
 * configured.
 *
 * <p>{@link #enqueue} inserts a row on the caller's connection, so inside a {@link JdbcTransactionRunner} (or any
 * Spring-managed transaction on the same data source) the job commits with the caller's work or not at all. Workers
 * claim with {@code FOR UPDATE SKIP LOCKED}, so concurrent workers never wait for each other or share a job: a claim
 * sets the row {@code running} with a fresh lease token and {@code locked_until = now + lease}, and counts the
 * attempt. Every later step names the token, so a worker whose lease was lost (the row was claimed again) changes
 * nothing. A completed job is deleted; a failed one is set back to {@code ready} at {@code now + backoff}, or
 * {@code dead} after its last attempt; a released one is {@code ready} at once with the attempt given back. A row
 * whose lease ended on the last attempt is moved to {@code dead} by the next claim. Time comes from the given clock.
 */
public final class JdbcJobQueue implements JobBroker {

    private static final String INSERT = """
            insert into job (id, queue, type, payload, state, attempts, run_at, created_at)
            values (:id, :queue, :type, :payload, 'ready', 0, :now, :now)
            """;

    private static final String BURY_EXPIRED = """
            update job
               set state = 'dead', lease_token = null, locked_until = null, failed_at = :now,
                   last_error = 'Lease expired on the last attempt (the worker stopped or hung)'
             where id in (select id from job
                           where state = 'running' and locked_until <= :now and attempts >= :maxAttempts
                           for update skip locked)
            """;

    /*
     * The due ready jobs and the jobs whose lease ended are taken in two branches, each read in the order of its
     * partial index and stopped after :max rows, so a claim costs the same with a backlog of a hundred thousand
     * jobs as with ten (one OR over both states made PostgreSQL sort every due job on every claim).
     */
    private static final String CLAIM = """
            update job
               set state = 'running', attempts = attempts + 1, lease_token = :token, locked_until = :until
             where id in (select id from (select id, run_at, created_at
                                            from (select id, run_at, created_at from job
                                                   where state = 'ready' and run_at <= :now
                                                   order by run_at, created_at
                                                   limit :max
                                                   for update skip locked) ready
                                          union all
                                          select id, run_at, created_at
                                            from (select id, run_at, created_at from job
                                                   where state = 'running' and locked_until <= :now
                                                   order by locked_until
                                                   limit :max
                                                   for update skip locked) expired) due
                           order by run_at, created_at
                           limit :max)
            returning id, queue, type, payload, attempts, lease_token
            """;

    private static final String COMPLETE = """
            delete from job where id = :id and lease_token = :token and state = 'running'
            """;

    private static final String FAIL = """
            update job
               set state = case when attempts >= :maxAttempts then 'dead' else 'ready' end,
                   run_at = :retryAt, lease_token = null, locked_until = null, last_error = :error, failed_at = :now
             where id = :id and lease_token = :token and state = 'running'
            returning state
            """;

    private static final String RELEASE = """
            update job
               set state = 'ready', attempts = greatest(attempts - 1, 0), run_at = :now, lease_token = null,
                   locked_until = null
             where id = :id and lease_token = :token and state = 'running'
            """;

    private static final String EXTEND = """
            update job set locked_until = :until
             where id = :id and lease_token = :token and state = 'running'
            """;

    private static final String COUNTS = """
            select count(*) filter (where state = 'ready' and last_error is not null) as failed,
                   count(*) filter (where state = 'dead') as dead
              from job
            """;

    private static final String DEAD = """
            select id, queue, type, payload, attempts, last_error, failed_at
              from job
             where state = 'dead'
             order by failed_at desc, id
             limit :limit
            """;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final JobRetryPolicy retry;

    /**
     * Creates the queue.
     * @param dataSource the database holding the saaskit schema (migration V8)
     * @param clock the time leases and retries are measured on
     * @param retry when failed jobs are retried and given up
     */
    public JdbcJobQueue(DataSource dataSource, Clock clock, JobRetryPolicy retry) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    @Override
    public void enqueue(JobRequest request) {
        try {
            this.jdbc.sql(INSERT)
                    .param("id", UUID.randomUUID())
                    .param("queue", request.queue())
                    .param("type", request.type())
                    .param("payload", request.payload())
                    .param("now", Columns.timestamp(this.clock.instant()))
                    .update();
        }
        catch (DataAccessResourceFailureException | TransientDataAccessException ex) {
            throw new ServiceUnavailableException(ex);
        }
    }

    @Override
    public List<ClaimedJob> claim(int max, Duration lease) {
        if (max < 1) {
            throw new IllegalArgumentException("max is at least 1");
        }
        Instant now = this.clock.instant();
        UUID token = UUID.randomUUID();
        List<ClaimedJob> claimed = this.transactions.execute((status) -> {
            this.jdbc.sql(BURY_EXPIRED)
                    .param("now", Columns.timestamp(now))
                    .param("maxAttempts", this.retry.maxAttempts())
                    .update();
            return this.jdbc.sql(CLAIM)
                    .param("token", token)
                    .param("until", Columns.timestamp(now.plus(lease)))
                    .param("now", Columns.timestamp(now))
                    .param("max", max)
                    .query((row, rowNumber) -> new ClaimedJob(job(row, row.getInt("attempts")),
                            receipt(Columns.uuid(row, "id"), token)))
                    .list();
        });
        return (claimed != null) ? claimed : List.of();
    }

    @Override
    public boolean complete(ClaimedJob job) {
        Receipt receipt = Receipt.of(job);
        return this.jdbc.sql(COMPLETE)
                .param("id", receipt.id())
                .param("token", receipt.token())
                .update() == 1;
    }

    @Override
    public boolean fail(ClaimedJob job, String error) {
        Receipt receipt = Receipt.of(job);
        Instant now = this.clock.instant();
        int attempt = job.job().attempt();
        Instant retryAt = this.retry.retries(attempt) ? now.plus(this.retry.delayAfter(attempt)) : now;
        List<String> state = this.jdbc.sql(FAIL)
                .param("id", receipt.id())
                .param("token", receipt.token())
                .param("maxAttempts", this.retry.maxAttempts())
                .param("retryAt", Columns.timestamp(retryAt))
                .param("error", error)
                .param("now", Columns.timestamp(now))
                .query(String.class)
                .list();
        return state.contains("dead");
    }

    @Override
    public void release(ClaimedJob job) {
        Receipt receipt = Receipt.of(job);
        this.jdbc.sql(RELEASE)
                .param("id", receipt.id())
                .param("token", receipt.token())
                .param("now", Columns.timestamp(this.clock.instant()))
                .update();
    }

    @Override
    public boolean extend(ClaimedJob job, Duration lease) {
        Receipt receipt = Receipt.of(job);
        return this.jdbc.sql(EXTEND)
                .param("id", receipt.id())
                .param("token", receipt.token())
                .param("until", Columns.timestamp(this.clock.instant().plus(lease)))
                .update() == 1;
    }

    @Override
    public JobCounts counts() {
        return this.jdbc.sql(COUNTS)
                .query((row, rowNumber) -> new JobCounts(row.getLong("failed"), row.getLong("dead")))
                .single();
    }

    @Override
    public List<DeadJob> deadLetters(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1");
        }
        return this.jdbc.sql(DEAD)
                .param("limit", limit)
                .query((row, rowNumber) -> new DeadJob(job(row, Math.max(1, row.getInt("attempts"))),
                        Objects.requireNonNullElse(row.getString("last_error"), ""),
                        Columns.instant(row, "failed_at")))
                .list();
    }

    private static Job job(ResultSet row, int attempt) throws SQLException {
        return new Job(Columns.uuid(row, "id").toString(), row.getString("queue"), row.getString("type"),
                row.getString("payload"), attempt);
    }

    private static String receipt(UUID id, UUID token) {
        return id + "/" + token;
    }

    @Override
    public String toString() {
        return "JdbcJobQueue[" + this.retry + "]";
    }

    /** A delivery's row id and lease token, as written into its receipt. */
    private record Receipt(UUID id, UUID token) {

        static Receipt of(ClaimedJob job) {
            String receipt = job.receipt();
            int slash = receipt.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("Not a receipt of this queue");
            }
            return new Receipt(UUID.fromString(receipt.substring(0, slash)),
                    UUID.fromString(receipt.substring(slash + 1)));
        }
    }
}
