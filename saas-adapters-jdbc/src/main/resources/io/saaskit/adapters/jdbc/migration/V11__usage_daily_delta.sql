-- saaskit: group-commit batches add to the daily rollups through a delta table instead of upserting usage_daily.
--
-- Why: every batch upserted the same few usage_daily rows (an organization's api_requests and api_key:<id> rows of
-- the day) and held their row locks until its commit had been flushed, so concurrent batches of a busy organization
-- queued behind each other, and each update left a dead row version behind. Measured with pgbench (8-event batches,
-- 4 clients, 2 cores; docs/benchmarks.md): about 2,300 batches/s with the upsert, 3,500-4,000 with a delta insert.
--
-- How: a batch inserts one delta row per (metric, day) it touched, in the transaction that inserts its events; deltas
-- are folded into usage_daily (deleted and summed in one statement) about once a second by the writing instance, and
-- an organization's deltas before any read of its rollups, so reads still equal the events. The rollup recompute
-- locks this table, folds it, then recomputes.
CREATE TABLE usage_daily_delta (
    id       bigint GENERATED ALWAYS AS IDENTITY,
    org_id   uuid   NOT NULL,
    metric   text   NOT NULL,
    day      date   NOT NULL,
    quantity bigint NOT NULL,
    CONSTRAINT usage_daily_delta_pkey PRIMARY KEY (id),
    CONSTRAINT usage_daily_delta_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE
);

SELECT saaskit_protect_tenant_table('usage_daily_delta', 'org_id');
