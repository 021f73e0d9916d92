-- saaskit M2: API keys and the audit log. Both are tenant-owned and put under forced row-level security.

-- An organization's API keys. Only the display prefix (first 12 characters) and the keyed hash of the secret are
-- stored; pepper_version is the fingerprint of the pepper that made the hash. created_by_user_id has no foreign key,
-- so a key outlives the user who created it (keys belong to the organization).
CREATE TABLE api_key (
    id                 uuid        NOT NULL,
    org_id             uuid        NOT NULL,
    name               text        NOT NULL,
    prefix             text        NOT NULL,
    key_hash           text        NOT NULL,
    pepper_version     text        NOT NULL,
    created_by_user_id uuid        NOT NULL,
    created_at         timestamptz NOT NULL,
    expires_at         timestamptz,
    last_used_at       timestamptz,
    revoked_at         timestamptz,
    CONSTRAINT api_key_pkey PRIMARY KEY (id),
    CONSTRAINT api_key_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT api_key_key_hash_key UNIQUE (key_hash),
    CONSTRAINT api_key_prefix_check CHECK (char_length(prefix) = 12),
    CONSTRAINT api_key_key_hash_check CHECK (key_hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX api_key_org_created_idx ON api_key (org_id, created_at);

-- The audit log. Actor ids have no foreign keys, so rows outlive the users, keys and tokens they name. seq,
-- prev_hash and hash belong to the tamper-evident hash chain and stay null until the chain is introduced.
CREATE TABLE audit_log (
    id               uuid        NOT NULL,
    org_id           uuid        NOT NULL,
    seq              bigint,
    created_at       timestamptz NOT NULL,
    actor_type       text        NOT NULL,
    actor_user_id    uuid,
    actor_api_key_id uuid,
    actor_token_id   uuid,
    action           text        NOT NULL,
    target_type      text,
    target_id        text,
    metadata         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    request_id       text,
    ip               text,
    user_agent       text,
    prev_hash        text,
    hash             text,
    CONSTRAINT audit_log_pkey PRIMARY KEY (id),
    CONSTRAINT audit_log_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT audit_log_org_seq_key UNIQUE (org_id, seq),
    CONSTRAINT audit_log_actor_type_check CHECK (actor_type IN ('user', 'api_key', 'scim', 'system', 'admin')),
    CONSTRAINT audit_log_metadata_check CHECK (jsonb_typeof(metadata) = 'object')
);

CREATE INDEX audit_log_org_created_idx ON audit_log (org_id, created_at);
CREATE INDEX audit_log_org_action_idx ON audit_log (org_id, action);

SELECT saaskit_protect_tenant_table('api_key', 'org_id');
SELECT saaskit_protect_tenant_table('audit_log', 'org_id');
