-- saaskit M3: billing. Organizations' Stripe subscriptions and the inbox of verified Stripe webhook events.
-- (organization.stripe_customer_id, with its unique constraint, exists since V1.)

-- One row per Stripe subscription. status is free text: Stripe's statuses are stored as they come, unknown ones
-- included. state_as_of is the Stripe time of the applied state (the event's creation, or the time it was fetched),
-- so an older event never overwrites a newer state.
CREATE TABLE subscription (
    id                     uuid        NOT NULL,
    org_id                 uuid        NOT NULL,
    stripe_customer_id     text        NOT NULL,
    stripe_subscription_id text        NOT NULL,
    stripe_price_id        text,
    status                 text        NOT NULL,
    current_period_start   timestamptz,
    current_period_end     timestamptz,
    cancel_at_period_end   boolean     NOT NULL DEFAULT false,
    state_as_of            timestamptz NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CONSTRAINT subscription_pkey PRIMARY KEY (id),
    CONSTRAINT subscription_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT subscription_stripe_subscription_id_key UNIQUE (stripe_subscription_id)
);

CREATE INDEX subscription_org_created_idx ON subscription (org_id, created_at);

-- The webhook inbox. Every verified event is stored here, with its raw payload, before it is acknowledged; the
-- worker moves it through received -> processing -> processed | ignored, or failed (retried at next_attempt_at) and
-- finally dead. The inbox is global: org_id is set once the worker has resolved the event's organization, and every
-- statement on this table runs as a declared cross-tenant system path. It still gets the tenant policy, so a tenant
-- transaction can see only its own resolved events.
CREATE TABLE stripe_event (
    id              uuid        NOT NULL,
    stripe_event_id text        NOT NULL,
    type            text        NOT NULL,
    api_version     text,
    livemode        boolean     NOT NULL,
    event_created_at timestamptz NOT NULL,
    payload         text        NOT NULL,
    received_at     timestamptz NOT NULL,
    request_id      text,
    state           text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    locked_until    timestamptz,
    last_error      text,
    processed_at    timestamptz,
    org_id          uuid,
    CONSTRAINT stripe_event_pkey PRIMARY KEY (id),
    CONSTRAINT stripe_event_stripe_event_id_key UNIQUE (stripe_event_id),
    CONSTRAINT stripe_event_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE SET NULL,
    CONSTRAINT stripe_event_state_check
        CHECK (state IN ('received', 'processing', 'processed', 'ignored', 'failed', 'dead')),
    CONSTRAINT stripe_event_attempts_check CHECK (attempts >= 0)
);

CREATE INDEX stripe_event_state_next_attempt_idx ON stripe_event (state, next_attempt_at);
CREATE INDEX stripe_event_received_idx ON stripe_event (received_at);

SELECT saaskit_protect_tenant_table('subscription', 'org_id');
SELECT saaskit_protect_tenant_table('stripe_event', 'org_id');
