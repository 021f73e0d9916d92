-- saaskit M3: the PostgreSQL job queue (used when Redis is not configured) and the scheduler's trigger store.

-- One row per job until it is completed (then deleted) or dead (kept for operators).
--   ready:   claimable once run_at has come (new, retried after a failure, or released at shutdown);
--   running: leased by a worker until locked_until, under lease_token; claimable again after that (its worker
--            crashed or hung), which counts as another attempt;
--   dead:    failed on its last allowed attempt; never claimed again.
-- attempts counts the deliveries so far; last_error and failed_at describe the latest failure.
CREATE TABLE job (
    id           uuid        NOT NULL,
    queue        text        NOT NULL,
    type         text        NOT NULL,
    payload      text        NOT NULL,
    state        text        NOT NULL DEFAULT 'ready',
    attempts     integer     NOT NULL DEFAULT 0,
    run_at       timestamptz NOT NULL,
    locked_until timestamptz,
    lease_token  uuid,
    last_error   text,
    failed_at    timestamptz,
    created_at   timestamptz NOT NULL,
    CONSTRAINT job_pkey PRIMARY KEY (id),
    CONSTRAINT job_state_check CHECK (state IN ('ready', 'running', 'dead')),
    CONSTRAINT job_attempts_check CHECK (attempts >= 0),
    CONSTRAINT job_lease_check CHECK ((state = 'running') = (lease_token IS NOT NULL AND locked_until IS NOT NULL))
);

CREATE INDEX job_ready_idx ON job (run_at) WHERE state = 'ready';
CREATE INDEX job_running_idx ON job (locked_until) WHERE state = 'running';
CREATE INDEX job_dead_idx ON job (failed_at) WHERE state = 'dead';

-- One row per scheduled job: its schedule expression and its next trigger. The instance that moves next_fire_at
-- forward (compare and set) enqueues the job, in the same transaction.
CREATE TABLE scheduler_lock (
    name         text        NOT NULL,
    expression   text        NOT NULL,
    next_fire_at timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT scheduler_lock_pkey PRIMARY KEY (name)
);

-- Global tables: no org_id, no row-level security; a tenant transaction may still enqueue a job.
SELECT saaskit_grant_tenant_access('job');
SELECT saaskit_grant_tenant_access('scheduler_lock');
