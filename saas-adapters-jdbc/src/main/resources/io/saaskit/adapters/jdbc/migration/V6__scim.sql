-- saaskit M5: SCIM provisioning. The membership columns SCIM needs (external_id, version, created_at, updated_at)
-- exist since V1; this adds the per-organization SCIM tokens and the index behind the directory's default order.

-- An organization's SCIM tokens. Only the display prefix (first 12 characters) and the keyed hash (HMAC-SHA-256 under
-- the API-key pepper) of the secret are stored. created_by_user_id has no foreign key, so a token outlives the owner
-- who created it (tokens belong to the organization).
CREATE TABLE scim_token (
    id                 uuid        NOT NULL,
    org_id             uuid        NOT NULL,
    name               text        NOT NULL,
    prefix             text        NOT NULL,
    token_hash         text        NOT NULL,
    created_by_user_id uuid        NOT NULL,
    created_at         timestamptz NOT NULL,
    last_used_at       timestamptz,
    revoked_at         timestamptz,
    CONSTRAINT scim_token_pkey PRIMARY KEY (id),
    CONSTRAINT scim_token_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT scim_token_token_hash_key UNIQUE (token_hash),
    CONSTRAINT scim_token_prefix_check CHECK (char_length(prefix) = 12),
    CONSTRAINT scim_token_token_hash_check CHECK (token_hash ~ '^[0-9a-f]{64}$')
);

CREATE INDEX scim_token_org_created_idx ON scim_token (org_id, created_at);

-- SCIM lists an organization's members in creation order (then id), a page at a time.
CREATE INDEX membership_org_created_idx ON membership (org_id, created_at, user_id);

SELECT saaskit_protect_tenant_table('scim_token', 'org_id');
