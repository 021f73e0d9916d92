package io.saaskit.adapters.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.saaskit.core.apikey.ApiKeyId;
import io.saaskit.core.metering.Metrics;
import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.RejectedUsageEventException;
import io.saaskit.core.metering.UsageDay;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.metering.port.UsageEventStore;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link UsageEventStore} on the {@code usage_event}, {@code usage_daily} and {@code usage_daily_delta} tables.
 *
 * <p>A batch is one transaction and one round trip whatever its size: per organization (in id order) the statement
 * entering its tenant scope and one statement that inserts its events from arrays ({@code INSERT ... SELECT FROM
 * unnest(...)}), skipping with {@code ON CONFLICT DO NOTHING} the events stored already and the client events
 * whose key is taken (only those keys are indexed, V12), and inserts one rollup delta per (metric, day) of the rows
 * actually inserted. The statements go to the server together on a connection of its
 * own, outside any transaction of the caller's, and commit with the call. Batches never update a shared row, so
 * concurrent batches of a busy organization do not queue behind each other's row locks until their commits are
 * flushed (V11 explains the measurement).
 *
 * <p>Deltas are folded into {@code usage_daily} (deleted and added up in one statement, rollup rows upserted in
 * (organization, metric, day) order so concurrent folds never deadlock): in the background once a batch finds the
 * last fold of this store at least {@link #FOLD_INTERVAL} old, and for one organization before every read of its
 * rollups, so reads always equal the events. A removed event adds negative deltas.
 */
public final class JdbcUsageEventStore implements UsageEventStore {

    /**
     * Inserts the events and the rollup deltas of the rows actually inserted, in one statement (one round trip):
     * data-modifying CTEs always run to completion.
     */
    private static final String INSERT_EVENTS = """
            with inserted as (
                insert into usage_event (id, org_id, metric, quantity, occurred_at, recorded_at, api_key_id,
                                         idempotency_key, payload_hash, request_id, properties)
                select e.id::uuid, ?, e.metric, e.quantity, e.occurred_at::timestamptz, e.recorded_at::timestamptz,
                       e.api_key_id::uuid, e.idempotency_key, e.payload_hash, e.request_id, e.properties::jsonb
                  from unnest(?::text[], ?::text[], ?::int8[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::text[], ?::text[], ?::text[])
                       as e(id, metric, quantity, occurred_at, recorded_at, api_key_id, idempotency_key,
                            payload_hash, request_id, properties)
                on conflict do nothing
                returning id, metric, quantity, occurred_at, api_key_id
            ), rollups as (
                select metric, (occurred_at at time zone 'UTC')::date as day, sum(quantity) as quantity
                  from inserted
                 group by 1, 2
                union all
                select 'api_key:' || api_key_id::text, (occurred_at at time zone 'UTC')::date, sum(quantity)
                  from inserted
                 where metric = 'api_requests' and api_key_id is not null
                 group by 1, 2
            ), deltas as (
                insert into usage_daily_delta (org_id, metric, day, quantity)
                select ?, metric, day, quantity
                  from rollups
            )
            select id from inserted
            """;

    private static final String DELETE_EVENT = """
            delete from usage_event
             where org_id = :orgId and id = :id
            returning metric, quantity, occurred_at, api_key_id
            """;

    private static final String ADD_DELTA = """
            insert into usage_daily_delta (org_id, metric, day, quantity)
            values (:orgId, :metric, :day, :quantity)
            """;

    /**
     * Moves deltas into the rollups: deletes them and adds their sums to the rollup rows, in (organization, metric,
     * day) order. A concurrent fold waits for the rows this one deletes and then skips them, so each delta is added
     * once.
     */
    private static final String FOLD = """
            with moved as (
                delete from usage_daily_delta
                 where %s
                returning org_id, metric, day, quantity
            )
            insert into usage_daily (id, org_id, metric, day, quantity)
            select gen_random_uuid(), org_id, metric, day, sum(quantity)
              from moved
             group by org_id, metric, day
             order by org_id, metric, day
            on conflict (org_id, metric, day) do update set quantity = usage_daily.quantity + excluded.quantity
            """;

    private static final String FOLD_ALL = FOLD.formatted("true");

    private static final String FOLD_ORGANIZATION = FOLD.formatted("org_id = :orgId");

    private static final String SELECT_BY_KEY = """
            select id, org_id, metric, quantity, occurred_at, recorded_at, api_key_id, idempotency_key, payload_hash,
                   request_id, properties::text as properties
              from usage_event
             where org_id = :orgId and idempotency_key = :key and payload_hash is not null
            """;

    private static final String SUM = """
            select coalesce(sum(quantity), 0)
              from usage_event
             where org_id = :orgId and metric = :metric and occurred_at >= :start and occurred_at < :end
            """;

    private static final String DAILY = """
            select id, org_id, metric, day, quantity
              from usage_daily
             where org_id = :orgId and day >= :from
            """;

    /**
     * Blocks concurrent batches and folds (which write deltas) until the recompute commits, and waits for running
     * ones, so after folding every delta the sums below see every committed event and no event lands between the sum
     * and the write.
     */
    private static final String LOCK_DELTAS = """
            lock table usage_daily_delta in share row exclusive mode
            """;

    /**
     * For one day: the event sums per organization of {@code api_requests} and {@code api_key:<id>}, joined with the
     * stored rows (rows without events count 0); rows that differ are set, and the differences returned.
     */
    private static final String RECOMPUTE = """
            with actual as (
                select org_id, 'api_requests' as metric, sum(quantity) as quantity
                  from usage_event
                 where metric = 'api_requests' and occurred_at >= :start and occurred_at < :end
                 group by org_id
                union all
                select org_id, 'api_key:' || api_key_id::text, sum(quantity)
                  from usage_event
                 where metric = 'api_requests' and api_key_id is not null
                   and occurred_at >= :start and occurred_at < :end
                 group by org_id, api_key_id
            ), stored as (
                select org_id, metric, quantity
                  from usage_daily
                 where day = :day and (metric = 'api_requests' or left(metric, 8) = 'api_key:')
            ), drift as (
                select coalesce(a.org_id, s.org_id) as org_id, coalesce(a.metric, s.metric) as metric,
                       coalesce(s.quantity, 0) as recorded, coalesce(a.quantity, 0) as actual,
                       s.org_id is null as missing
                  from actual a
                  full join stored s on s.org_id = a.org_id and s.metric = a.metric
            ), corrected as (
                insert into usage_daily (id, org_id, metric, day, quantity)
                select gen_random_uuid(), org_id, metric, :day, actual
                  from drift
                 where recorded <> actual or missing
                 order by org_id, metric
                on conflict (org_id, metric, day) do update set quantity = excluded.quantity
            )
            select org_id, metric, recorded, actual
              from drift
             where recorded <> actual
             order by org_id, metric
            """;

    /** How often the deltas of every organization are folded into the rollups (reads fold their own first). */
    static final Duration FOLD_INTERVAL = Duration.ofSeconds(1);

    private static final System.Logger logger = System.getLogger(JdbcUsageEventStore.class.getName());

    /**
     * The thread that folds for every store of this JVM: a daemon, busy a few milliseconds a second under load, so no
     * store needs closing. A fold cut short by the JVM's exit rolls back and its deltas wait for the next one.
     */
    private static final Executor FOLDS = Executors.newSingleThreadExecutor((work) -> {
        Thread thread = new Thread(work, "saaskit-usage-fold");
        thread.setDaemon(true);
        return thread;
    });

    private final DataSource dataSource;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JdbcScopes scopes;
    private final AtomicLong lastFold = new AtomicLong(System.nanoTime());

    /**
     * Creates the store.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcUsageEventStore(DataSource dataSource, JdbcSettings settings) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
        this.template = new JdbcTemplate(dataSource);
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public String storeId() {
        return this.jdbc.sql("SELECT id FROM saaskit_store").query(UUID.class).single().toString();
    }

    @Override
    public Set<UUID> insertBatch(List<UsageEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        Map<UUID, List<UsageEvent>> byOrg = new TreeMap<>();
        for (UsageEvent event : events) {
            byOrg.computeIfAbsent(event.orgId().value(), (org) -> new ArrayList<>()).add(event);
        }
        String sql = batchStatement(byOrg.size());
        Set<UUID> inserted;
        try (Connection connection = this.dataSource.getConnection()) {
            inserted = insertAll(connection, sql, byOrg);
        }
        catch (SQLException ex) {
            DataAccessException translated = this.template.getExceptionTranslator().translate("usage batch", sql, ex);
            if (translated instanceof DataIntegrityViolationException) {
                throw new RejectedUsageEventException();
            }
            throw (translated != null) ? translated : new UncategorizedSQLException("usage batch", sql, ex);
        }
        foldWhenDue();
        return inserted;
    }

    /**
     * The statements of a batch of {@code organizations}: for each, in id order, its tenant scope and its insert. They
     * go to the server together, in one round trip and one transaction (on an auto-commit connection, the implicit
     * one that ends with the call), where a scope, a statement and a commit each took a round trip of their own.
     */
    private String batchStatement(int organizations) {
        String one = this.scopes.enterTenantStatement() + ";\n" + INSERT_EVENTS;
        return String.join(";\n", Collections.nCopies(organizations, one));
    }

    private static Set<UUID> insertAll(Connection connection, String sql, Map<UUID, List<UsageEvent>> byOrg)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        Set<UUID> inserted = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int parameter = 1;
            for (Map.Entry<UUID, List<UsageEvent>> organization : byOrg.entrySet()) {
                statement.setString(parameter, organization.getKey().toString());
                parameter = bindInsert(connection, statement, parameter + 1, organization.getKey(),
                        organization.getValue());
            }
            statement.execute();
            for (int i = 0; i < byOrg.size(); i++) {
                // Past the scope's result to the insert's ids.
                if (!statement.getMoreResults()) {
                    throw new SQLException("The usage insert returned no ids");
                }
                try (ResultSet ids = statement.getResultSet()) {
                    while (ids.next()) {
                        inserted.add(ids.getObject(1, UUID.class));
                    }
                }
                statement.getMoreResults();
            }
            if (!autoCommit) {
                connection.commit();
            }
        }
        catch (SQLException | RuntimeException ex) {
            if (!autoCommit) {
                connection.rollback();
            }
            throw ex;
        }
        return inserted;
    }

    /**
     * Hands a fold of every organization's deltas to the folding thread when the last fold is {@link #FOLD_INTERVAL}
     * old, so the writer that committed the batch goes on with the next one: a fold on the writer's thread held up
     * every request waiting for the next batch (2.5 ms a second at 3,000 requests/s).
     */
    private void foldWhenDue() {
        long last = this.lastFold.get();
        long now = System.nanoTime();
        if (now - last < FOLD_INTERVAL.toNanos() || !this.lastFold.compareAndSet(last, now)) {
            return;
        }
        FOLDS.execute(this::foldInBackground);
    }

    /** The batches are committed, so a failed fold is only logged: its deltas stay for the next fold or read. */
    private void foldInBackground() {
        try {
            foldRollups();
        }
        catch (DataAccessException ex) {
            logger.log(System.Logger.Level.WARNING, "Could not fold usage rollup deltas; the next fold retries", ex);
        }
    }

    /**
     * Folds the pending rollup deltas of every organization into {@code usage_daily} now.
     */
    public void foldRollups() {
        this.scopes.system(() -> this.jdbc.sql(FOLD_ALL).update());
    }

    /**
     * Binds one organization's insert from {@code first} on.
     * @return the next parameter index
     */
    private static int bindInsert(Connection connection, PreparedStatement statement, int first, UUID org,
            List<UsageEvent> events) throws SQLException {
        int size = events.size();
        String[] ids = new String[size];
        String[] metrics = new String[size];
        Long[] quantities = new Long[size];
        String[] occurredAt = new String[size];
        String[] recordedAt = new String[size];
        String[] apiKeyIds = new String[size];
        String[] keys = new String[size];
        String[] hashes = new String[size];
        String[] requestIds = new String[size];
        String[] properties = new String[size];
        for (int i = 0; i < size; i++) {
            UsageEvent event = events.get(i);
            ids[i] = event.id().toString();
            metrics[i] = event.metric();
            quantities[i] = event.quantity();
            occurredAt[i] = event.occurredAt().toString();
            recordedAt[i] = event.recordedAt().toString();
            apiKeyIds[i] = (event.apiKeyId() != null) ? event.apiKeyId().toString() : null;
            keys[i] = event.idempotencyKey();
            hashes[i] = event.payloadHash();
            requestIds[i] = event.requestId();
            properties[i] = event.properties();
        }
        statement.setObject(first, org);
        statement.setArray(first + 1, texts(connection, ids));
        statement.setArray(first + 2, texts(connection, metrics));
        statement.setArray(first + 3, connection.createArrayOf("int8", quantities));
        statement.setArray(first + 4, texts(connection, occurredAt));
        statement.setArray(first + 5, texts(connection, recordedAt));
        statement.setArray(first + 6, texts(connection, apiKeyIds));
        statement.setArray(first + 7, texts(connection, keys));
        statement.setArray(first + 8, texts(connection, hashes));
        statement.setArray(first + 9, texts(connection, requestIds));
        statement.setArray(first + 10, texts(connection, properties));
        statement.setObject(first + 11, org);
        return first + 12;
    }

    private static Array texts(Connection connection, @Nullable String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    @Override
    public boolean delete(OrgId orgId, UUID eventId) {
        Boolean deleted = this.scopes.tenant(orgId, () -> {
            Optional<Removed> removed = this.jdbc.sql(DELETE_EVENT)
                    .param("orgId", orgId.value())
                    .param("id", eventId)
                    .query((row, rowNumber) -> new Removed(row.getString("metric"), row.getLong("quantity"),
                            LocalDate.ofInstant(Columns.instant(row, "occurred_at"), ZoneOffset.UTC),
                            row.getObject("api_key_id", UUID.class)))
                    .optional();
            removed.ifPresent((event) -> {
                takeOff(orgId, event.metric(), event.day(), event.quantity());
                if (event.apiKeyId() != null && Metrics.API_REQUESTS.equals(event.metric())) {
                    takeOff(orgId, Metrics.apiKey(new ApiKeyId(event.apiKeyId())), event.day(), event.quantity());
                }
            });
            return removed.isPresent();
        });
        return Boolean.TRUE.equals(deleted);
    }

    private void takeOff(OrgId orgId, String metric, LocalDate day, long quantity) {
        this.jdbc.sql(ADD_DELTA)
                .param("orgId", orgId.value())
                .param("metric", metric)
                .param("day", day)
                .param("quantity", -quantity)
                .update();
    }

    @Override
    public Optional<UsageEvent> findByIdempotencyKey(OrgId orgId, String idempotencyKey) {
        return this.scopes.tenant(orgId, () -> this.jdbc.sql(SELECT_BY_KEY)
                .param("orgId", orgId.value())
                .param("key", idempotencyKey)
                .query(JdbcUsageEventStore::event)
                .optional());
    }

    @Override
    public long sum(OrgId orgId, String metric, Period period) {
        Long sum = this.scopes.tenant(orgId, () -> this.jdbc.sql(SUM)
                .param("orgId", orgId.value())
                .param("metric", metric)
                .param("start", Columns.timestamp(period.start()))
                .param("end", Columns.timestamp(period.end()))
                .query(Long.class)
                .single());
        return (sum != null) ? sum : 0;
    }

    @Override
    public List<UsageDay> daily(OrgId orgId, @Nullable String metric, LocalDate from) {
        String sql = DAILY + ((metric != null) ? " and metric = :metric" : "") + " order by day desc, metric";
        return this.scopes.tenant(orgId, () -> {
            this.jdbc.sql(FOLD_ORGANIZATION).param("orgId", orgId.value()).update();
            JdbcClient.StatementSpec statement = this.jdbc.sql(sql)
                    .param("orgId", orgId.value())
                    .param("from", from);
            if (metric != null) {
                statement = statement.param("metric", metric);
            }
            return statement.query((row, rowNumber) -> new UsageDay(Columns.uuid(row, "id"),
                    new OrgId(Columns.uuid(row, "org_id")), row.getString("metric"),
                    row.getObject("day", LocalDate.class), row.getLong("quantity"))).list();
        });
    }

    @Override
    public List<UsageDrift> recomputeDaily(LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return this.scopes.system(() -> {
            this.jdbc.sql(LOCK_DELTAS).update();
            this.jdbc.sql(FOLD_ALL).update();
            return this.jdbc.sql(RECOMPUTE)
                    .param("start", Columns.timestamp(start))
                    .param("end", Columns.timestamp(start.plus(Duration.ofDays(1))))
                    .param("day", day)
                    .query((row, rowNumber) -> new UsageDrift(new OrgId(Columns.uuid(row, "org_id")),
                            row.getString("metric"), day, row.getLong("recorded"), row.getLong("actual")))
                    .list();
        });
    }

    private static UsageEvent event(ResultSet row, int rowNumber) throws SQLException {
        UUID apiKeyId = row.getObject("api_key_id", UUID.class);
        return new UsageEvent(Columns.uuid(row, "id"), new OrgId(Columns.uuid(row, "org_id")), row.getString("metric"),
                row.getLong("quantity"), Columns.instant(row, "occurred_at"), Columns.instant(row, "recorded_at"),
                (apiKeyId != null) ? new ApiKeyId(apiKeyId) : null, row.getString("idempotency_key"),
                row.getString("payload_hash"), row.getString("request_id"), row.getString("properties"));
    }

    @Override
    public String toString() {
        return "JdbcUsageEventStore[" + this.scopes + "]";
    }

    /** What a deleted event leaves to take off the rollups. */
    private record Removed(String metric, long quantity, LocalDate day, @Nullable UUID apiKeyId) {
    }
}
