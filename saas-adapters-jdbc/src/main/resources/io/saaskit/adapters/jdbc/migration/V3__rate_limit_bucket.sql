-- saaskit M2: the PostgreSQL rate-limit store, used when Redis is not configured (saaskit.rate-limit.store=auto or
-- postgres). One row per bucket: the hits counted in the current fixed window and when that window closes.
-- UNLOGGED: counters are short-lived and not worth WAL traffic; after a crash the table comes back empty, which only
-- opens fresh windows. Rows of closed windows are deleted by the session-cleanup job.
CREATE UNLOGGED TABLE rate_limit_bucket (
    key      text        NOT NULL,
    count    bigint      NOT NULL,
    reset_at timestamptz NOT NULL,
    CONSTRAINT rate_limit_bucket_pkey PRIMARY KEY (key)
);

CREATE INDEX rate_limit_bucket_reset_at_idx ON rate_limit_bucket (reset_at);

-- A global table: no org_id, no row-level security; tenant transactions may still count a hit.
SELECT saaskit_grant_tenant_access('rate_limit_bucket');
