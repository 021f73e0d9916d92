package io.saaskit.core.metering.port;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.saaskit.core.metering.Period;
import io.saaskit.core.metering.UsageDay;
import io.saaskit.core.metering.UsageDrift;
import io.saaskit.core.metering.UsageEvent;
import io.saaskit.core.tenancy.OrgId;

import org.jspecify.annotations.Nullable;

/**
 * The durable record of usage: one row per admitted use, plus the daily rollups kept in step with it.
 *
 * <p>Writes come in batches from the group-commit recorder, so one transaction carries the events of many concurrent
 * requests (of any organizations). The daily rollups of the inserted events ({@code <metric>} and, for
 * {@code api_requests} made with a key, {@code api_key:<id>}) are committed with them — as updated rows or as deltas
 * the store folds in later — so reads of the rollups never disagree with the events. An event reads back equal to the
 * one written, except that its {@code properties} JSON may come back normalised (whitespace, member order), as a JSON
 * column stores it.
 */
public interface UsageEventStore {

    /**
     * Identifies the data this store holds (the database, not a connection to it): the same for every instance
     * using it, whatever address they reach it by. A usage journal records it, so that an instance never ships
     * events journaled for another store.
     * @return the store's identifier
     */
    String storeId();

    /**
     * Inserts events and their daily rollup increments in one transaction. An event that is already stored (same
     * id), or a client event (one with a payload hash) whose idempotency key is already taken by a client event of its
     * organization (an earlier one or another of the same batch), is skipped, not an error. Events of metered routes
     * carry no payload hash and the key {@code auto:<id>}, unique through their id: the store need not index them.
     * @param events the events, possibly of several organizations
     * @return the ids of the events that were inserted
     * @throws io.saaskit.core.metering.RejectedUsageEventException when the store refuses the data of an event
     * (nothing of the batch is written); other failures mean the store is unavailable
     */
    Set<UUID> insertBatch(List<UsageEvent> events);

    /**
     * Removes an event and takes its quantity off the daily rollups, when the request it was recorded for failed
     * after all.
     * @param orgId the organization
     * @param eventId the event
     * @return true when the event existed
     */
    boolean delete(OrgId orgId, UUID eventId);

    /**
     * Finds the client event (one with a payload hash) recorded under an idempotency key.
     * @param orgId the organization
     * @param idempotencyKey the key
     * @return the event, or empty
     */
    Optional<UsageEvent> findByIdempotencyKey(OrgId orgId, String idempotencyKey);

    /**
     * The total quantity of a metric's events that occurred in a period.
     * @param orgId the organization
     * @param metric the metric
     * @param period the period
     * @return the sum, zero when there are none
     */
    long sum(OrgId orgId, String metric, Period period);

    /**
     * Daily rollup rows from a day on, newest day first.
     * @param orgId the organization
     * @param metric the exact metric, or {@code null} for every metric
     * @param from the earliest day included
     * @return the rows, by day descending, then metric
     */
    List<UsageDay> daily(OrgId orgId, @Nullable String metric, LocalDate from);

    /**
     * Recomputes the {@code api_requests} and {@code api_key:<id>} daily rollups of one UTC day, for every
     * organization, from the events, and sets them: rows without events become 0, missing rows are created. Other
     * metrics and other days are untouched. Concurrent batches of that day wait for it (or it for them), so no
     * event is lost between the sum and the write.
     * @param day the UTC day
     * @return the rows whose stored quantity differed from the events, by organization and metric
     */
    List<UsageDrift> recomputeDaily(LocalDate day);
}
