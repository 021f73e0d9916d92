-- saaskit M2: metering. Usage events, their daily rollups and the per-period quota counters. All three are
-- tenant-owned and put under forced row-level security.

-- One row per admitted use of a metric. idempotency_key is unique per organization: auto:<uuid> for metered routes,
-- the client's Idempotency-Key for POST /usage/events (with payload_hash, the SHA-256 of the canonical payload, to
-- tell a replay from a reused key). api_key_id is cleared when its key row is deleted; the usage stays.
CREATE TABLE usage_event (
    id              uuid        NOT NULL,
    org_id          uuid        NOT NULL,
    metric          text        NOT NULL,
    quantity        bigint      NOT NULL,
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL,
    api_key_id      uuid,
    idempotency_key text        NOT NULL,
    payload_hash    text,
    request_id      text,
    properties      jsonb,
    CONSTRAINT usage_event_pkey PRIMARY KEY (id),
    CONSTRAINT usage_event_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT usage_event_api_key_id_fkey FOREIGN KEY (api_key_id) REFERENCES api_key (id) ON DELETE SET NULL,
    CONSTRAINT usage_event_org_idempotency_key_key UNIQUE (org_id, idempotency_key),
    CONSTRAINT usage_event_quantity_check CHECK (quantity > 0)
);

CREATE INDEX usage_event_org_metric_occurred_idx ON usage_event (org_id, metric, occurred_at);

-- The daily total of one metric (api_requests, api_key:<id>, custom metrics), upserted in the transaction that
-- inserts the events, so it always equals the sum of the day's events.
CREATE TABLE usage_daily (
    id       uuid   NOT NULL,
    org_id   uuid   NOT NULL,
    metric   text   NOT NULL,
    day      date   NOT NULL,
    quantity bigint NOT NULL,
    CONSTRAINT usage_daily_pkey PRIMARY KEY (id),
    CONSTRAINT usage_daily_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT usage_daily_org_metric_day_key UNIQUE (org_id, metric, day)
);

-- The quota counter admission decides on when no Redis is configured: one row per organization, metric and period,
-- changed only by a conditional UPDATE that cannot pass the limit.
CREATE TABLE usage_counter (
    org_id       uuid        NOT NULL,
    metric       text        NOT NULL,
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL,
    used         bigint      NOT NULL,
    CONSTRAINT usage_counter_pkey PRIMARY KEY (org_id, metric, period_start),
    CONSTRAINT usage_counter_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT usage_counter_used_check CHECK (used >= 0)
);

SELECT saaskit_protect_tenant_table('usage_event', 'org_id');
SELECT saaskit_protect_tenant_table('usage_daily', 'org_id');
SELECT saaskit_protect_tenant_table('usage_counter', 'org_id');
