package io.saaskit.adapters.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import io.saaskit.core.billing.InboxEvent;
import io.saaskit.core.billing.InboxInsert;
import io.saaskit.core.billing.InboxState;
import io.saaskit.core.billing.InboxSummary;
import io.saaskit.core.billing.RejectedInboxEventException;
import io.saaskit.core.billing.port.StripeEventInbox;
import io.saaskit.core.tenancy.OrgId;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link StripeEventInbox} on the {@code stripe_event} table. The inbox is global, so every statement is a
 * declared cross-tenant system path. A first delivery is stored with {@code INSERT ... ON CONFLICT DO NOTHING}:
 * concurrent inserts of one event wait for each other on the unique index and exactly one stores it. Claims are
 * one conditional {@code UPDATE}, so two workers never hold one row. Writes join the caller's transaction. A value
 * PostgreSQL cannot hold (a constraint or data error) is a {@link RejectedInboxEventException}, so the webhook's group
 * commit can tell one delivery's bad data from an unavailable database.
 */
public final class JdbcStripeEventInbox implements StripeEventInbox {

    private static final String COLUMNS = """
            id, stripe_event_id, type, api_version, livemode, event_created_at, payload, received_at, request_id,
            state, attempts, next_attempt_at, locked_until, last_error, processed_at, org_id
            """;

    /**
     * Stores the events whose Stripe id is new, in one statement and in the order given (arrays, one element per
     * event; the driver sends Java arrays as PostgreSQL arrays), and returns the ids of the rows it stored.
     */
    private static final String INSERT_ALL = """
            insert into stripe_event (id, stripe_event_id, type, api_version, livemode, event_created_at, payload,
                                      received_at, request_id, state, attempts, next_attempt_at)
            select e.id::uuid, e.stripe_event_id, e.type, e.api_version, e.livemode, e.event_created_at::timestamptz,
                   e.payload, e.received_at::timestamptz, e.request_id, 'received', 0, e.received_at::timestamptz
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::text[], ?::text[],
                          ?::text[]) with ordinality
                   as e(id, stripe_event_id, type, api_version, livemode, event_created_at, payload, received_at,
                        request_id, position)
             order by e.position
            on conflict (stripe_event_id) do nothing
            returning id
            """;

    private static final String REARM_DEAD = """
            update stripe_event
               set state = 'received', attempts = 0, next_attempt_at = :now, locked_until = null, last_error = null,
                   request_id = coalesce(:requestId, request_id)
             where stripe_event_id = :stripeEventId and state = 'dead'
            returning id
            """;

    private static final String ID_OF = "select id from stripe_event where stripe_event_id = :stripeEventId";

    private static final String SELECT = "select " + COLUMNS + " from stripe_event where id = :id";

    private static final String SELECT_BY_STRIPE_ID = "select " + COLUMNS
            + " from stripe_event where stripe_event_id = :stripeEventId";

    private static final String CLAIM = """
            update stripe_event
               set state = 'processing', locked_until = :lockedUntil
             where id = :id
               and (state = 'received'
                    or (state = 'failed' and (next_attempt_at is null or next_attempt_at <= :now))
                    or (state = 'processing' and (locked_until is null or locked_until <= :now)))
            returning
            """ + COLUMNS;

    private static final String COMPLETE = """
            update stripe_event
               set state = :state, org_id = coalesce(:orgId, org_id), processed_at = :now, locked_until = null,
                   next_attempt_at = null, last_error = null
             where id = :id
            """;

    private static final String FAIL = """
            update stripe_event
               set state = :state, attempts = :attempts, last_error = :error, next_attempt_at = :nextAttemptAt,
                   locked_until = null, org_id = coalesce(:orgId, org_id)
             where id = :id
            """;

    private static final String REARM = """
            update stripe_event
               set state = 'received', attempts = 0, next_attempt_at = :now, locked_until = null, last_error = null,
                   request_id = coalesce(:requestId, request_id),
                   processed_at = case when state = 'ignored' then null else processed_at end
             where id = :id and not (state = 'processing' and locked_until is not null and locked_until > :now)
            """;

    private static final String DISPATCHABLE = """
            select id
              from stripe_event
             where (state = 'received' and received_at < :receivedBefore)
                or (state = 'failed' and (next_attempt_at is null or next_attempt_at <= :now))
                or (state = 'processing' and (locked_until is null or locked_until <= :now))
             order by received_at, id
             limit :limit
            """;

    private static final String LIST = "select " + COLUMNS
            + " from stripe_event order by received_at desc, id desc limit :limit";

    private static final String LIST_STATE = "select " + COLUMNS
            + " from stripe_event where state = :state order by received_at desc, id desc limit :limit";

    private static final String SUMMARY = """
            select count(*) filter (where org_id = :orgId and state in ('received', 'processing', 'failed')) as backlog,
                   count(*) filter (where org_id = :orgId and state = 'failed') as failed,
                   count(*) filter (where org_id = :orgId and state = 'dead') as dead,
                   min(received_at) filter (where org_id = :orgId and state in ('received', 'processing', 'failed'))
                       as oldest,
                   count(*) filter (where org_id is null and state not in ('processed', 'ignored')) as unresolved
              from stripe_event
             where org_id = :orgId or org_id is null
            """;

    private static final String PURGE = """
            delete from stripe_event
             where id in (select id from stripe_event
                           where state in ('processed', 'ignored') and received_at < :before
                           limit :limit)
            """;

    private final JdbcClient jdbc;
    private final JdbcScopes scopes;

    /**
     * Creates the inbox.
     * @param dataSource the database holding the saaskit schema
     * @param settings the adapter settings
     */
    public JdbcStripeEventInbox(DataSource dataSource, JdbcSettings settings) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.scopes = new JdbcScopes(dataSource, settings);
    }

    @Override
    public InboxInsert insert(InboxEvent event) {
        return insertAll(List.of(event)).get(0);
    }

    /** One statement stores every new event; events already stored are re-armed or looked up one by one. */
    @Override
    public List<InboxInsert> insertAll(List<InboxEvent> events) {
        try {
            return this.scopes.system(() -> {
                Set<UUID> stored = new HashSet<>(this.jdbc.sql(INSERT_ALL)
                        .params(column(events, (event) -> event.id().toString()),
                                column(events, InboxEvent::stripeEventId), column(events, InboxEvent::type),
                                column(events, InboxEvent::apiVersion),
                                events.stream().map(InboxEvent::livemode).toArray(Boolean[]::new),
                                column(events, (event) -> event.eventCreatedAt().toString()),
                                column(events, InboxEvent::payload),
                                column(events, (event) -> event.receivedAt().toString()),
                                column(events, InboxEvent::requestId))
                        .query((row, rowNumber) -> Columns.uuid(row, "id")).list());
                return events.stream().map((event) -> stored.contains(event.id())
                        ? new InboxInsert.Stored(event.id()) : alreadyStored(event)).toList();
            });
        }
        catch (DataIntegrityViolationException refused) {
            throw new RejectedInboxEventException();
        }
    }

    private static @Nullable String[] column(List<InboxEvent> events, Function<InboxEvent, @Nullable String> value) {
        return events.stream().map(value).toArray(String[]::new);
    }

    /** The outcome for an event whose Stripe id is already stored: a dead row is re-armed, any other is kept. */
    private InboxInsert alreadyStored(InboxEvent event) {
        return this.scopes.system(() -> {
            Optional<UUID> rearmed = this.jdbc.sql(REARM_DEAD)
                    .param("stripeEventId", event.stripeEventId())
                    .param("requestId", event.requestId(), Types.VARCHAR)
                    .param("now", Columns.timestamp(event.receivedAt()))
                    .query((row, rowNumber) -> Columns.uuid(row, "id"))
                    .optional();
            if (rearmed.isPresent()) {
                return new InboxInsert.Duplicate(rearmed.get(), true);
            }
            UUID existing = this.jdbc.sql(ID_OF).param("stripeEventId", event.stripeEventId())
                    .query((row, rowNumber) -> Columns.uuid(row, "id")).single();
            return new InboxInsert.Duplicate(existing, false);
        });
    }

    @Override
    public Optional<InboxEvent> find(UUID id) {
        return this.scopes.system(() -> this.jdbc.sql(SELECT).param("id", id)
                .query(JdbcStripeEventInbox::event).optional());
    }

    @Override
    public Optional<InboxEvent> findByStripeEventId(String stripeEventId) {
        return this.scopes.system(() -> this.jdbc.sql(SELECT_BY_STRIPE_ID).param("stripeEventId", stripeEventId)
                .query(JdbcStripeEventInbox::event).optional());
    }

    @Override
    public Optional<InboxEvent> claim(UUID id, Instant now, Instant lockedUntil) {
        return this.scopes.system(() -> this.jdbc.sql(CLAIM)
                .param("id", id)
                .param("now", Columns.timestamp(now))
                .param("lockedUntil", Columns.timestamp(lockedUntil))
                .query(JdbcStripeEventInbox::event)
                .optional());
    }

    @Override
    public void complete(UUID id, InboxState state, @Nullable OrgId orgId, Instant now) {
        this.scopes.system(() -> this.jdbc.sql(COMPLETE)
                .param("id", id)
                .param("state", state.key())
                .param("orgId", (orgId != null) ? orgId.value() : null, Types.OTHER)
                .param("now", Columns.timestamp(now))
                .update());
    }

    @Override
    public void fail(UUID id, int attempts, InboxState state, String error, @Nullable Instant nextAttemptAt,
            @Nullable OrgId orgId) {
        this.scopes.system(() -> this.jdbc.sql(FAIL)
                .param("id", id)
                .param("orgId", (orgId != null) ? orgId.value() : null, Types.OTHER)
                .param("state", state.key())
                .param("attempts", attempts)
                .param("error", error)
                .param("nextAttemptAt", Columns.nullableTimestamp(nextAttemptAt))
                .update());
    }

    @Override
    public boolean rearm(UUID id, @Nullable String requestId, Instant now) {
        Integer updated = this.scopes.system(() -> this.jdbc.sql(REARM)
                .param("id", id)
                .param("requestId", requestId, Types.VARCHAR)
                .param("now", Columns.timestamp(now))
                .update());
        return updated != null && updated > 0;
    }

    @Override
    public List<UUID> dispatchable(Instant now, Instant receivedBefore, int limit) {
        return this.scopes.system(() -> this.jdbc.sql(DISPATCHABLE)
                .param("now", Columns.timestamp(now))
                .param("receivedBefore", Columns.timestamp(receivedBefore))
                .param("limit", limit)
                .query((row, rowNumber) -> Columns.uuid(row, "id"))
                .list());
    }

    @Override
    public List<InboxEvent> list(@Nullable InboxState state, int limit) {
        return this.scopes.system(() -> {
            JdbcClient.StatementSpec statement = (state != null)
                    ? this.jdbc.sql(LIST_STATE).param("state", state.key()) : this.jdbc.sql(LIST);
            return statement.param("limit", limit).query(JdbcStripeEventInbox::event).list();
        });
    }

    @Override
    public InboxSummary summary(OrgId orgId) {
        return this.scopes.system(() -> this.jdbc.sql(SUMMARY)
                .param("orgId", orgId.value())
                .query((row, rowNumber) -> new InboxSummary(row.getLong("backlog"), row.getLong("failed"),
                        row.getLong("dead"), Columns.nullableInstant(row, "oldest"), row.getLong("unresolved")))
                .single());
    }

    @Override
    public int purge(Instant before, int limit) {
        Integer deleted = this.scopes.system(() -> this.jdbc.sql(PURGE)
                .param("before", Columns.timestamp(before))
                .param("limit", limit)
                .update());
        return (deleted != null) ? deleted : 0;
    }

    private static InboxEvent event(ResultSet row, int rowNumber) throws SQLException {
        UUID orgId = row.getObject("org_id", UUID.class);
        return new InboxEvent(Columns.uuid(row, "id"), row.getString("stripe_event_id"), row.getString("type"),
                row.getString("api_version"), row.getBoolean("livemode"), Columns.instant(row, "event_created_at"),
                row.getString("payload"), Columns.instant(row, "received_at"), row.getString("request_id"),
                InboxState.of(row.getString("state")).orElse(InboxState.FAILED), row.getInt("attempts"),
                Columns.nullableInstant(row, "next_attempt_at"), Columns.nullableInstant(row, "locked_until"),
                row.getString("last_error"), Columns.nullableInstant(row, "processed_at"),
                (orgId != null) ? new OrgId(orgId) : null);
    }

    @Override
    public String toString() {
        return "JdbcStripeEventInbox[" + this.scopes + "]";
    }
}
