-- saaskit M1 schema: organizations, users, memberships, sessions, and the row-level security machinery that every
-- tenant-owned table (now and in later migrations) is put under with saaskit_protect_tenant_table(...).

-- The tenant role. Roles are cluster-wide, so another database (or a concurrent migration) may already have
-- created it. A database user without CREATEROLE only gets a warning: it runs with row-level-security=false.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'saaskit_tenant') THEN
        BEGIN
            CREATE ROLE saaskit_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL;
            WHEN insufficient_privilege THEN
                RAISE WARNING 'saaskit: % may not create role saaskit_tenant; row-level security needs it', current_user;
        END;
    END IF;
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'saaskit_tenant')
            AND NOT pg_has_role(current_user, 'saaskit_tenant', 'MEMBER') THEN
        BEGIN
            EXECUTE format('GRANT saaskit_tenant TO %I', current_user);
        EXCEPTION
            WHEN insufficient_privilege OR invalid_grant_operation THEN
                RAISE WARNING 'saaskit: % may not assume role saaskit_tenant; row-level security needs it', current_user;
        END;
    END IF;
END
$$;

-- Lets the tenant role use a saaskit table. Every saaskit table gets this: a tenant transaction may also touch
-- global tables (a registration writes the user and the session in the same transaction as the membership).
CREATE FUNCTION saaskit_grant_tenant_access(target regclass) RETURNS void
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'saaskit_tenant') THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE %s TO saaskit_tenant', target);
    END IF;
END
$$;

-- Puts a tenant-owned table under forced row-level security with two permissive policies:
--   saaskit_tenant_isolation: the tenant role sees and writes only rows whose key equals app.org_id (unset -> none);
--   saaskit_system: the migrating (= owning, = application) role sees rows only inside a transaction that declared
--   itself a cross-tenant system path with app.system = 'on'.
-- FORCE makes the owner subject to the policies too, so an undeclared transaction fails closed for every role
-- except superusers and BYPASSRLS roles.
CREATE FUNCTION saaskit_protect_tenant_table(target regclass, key_column name) RETURNS void
    LANGUAGE plpgsql AS
$$
DECLARE
    tenant_key text := format('%I = nullif(current_setting(''app.org_id'', true), '''')::uuid', key_column);
    system_marker text := 'current_setting(''app.system'', true) = ''on''';
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('CREATE POLICY saaskit_system ON %s AS PERMISSIVE FOR ALL TO %I USING (%s) WITH CHECK (%s)',
            target, current_user, system_marker, system_marker);
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'saaskit_tenant') THEN
        EXECUTE format('CREATE POLICY saaskit_tenant_isolation ON %s AS PERMISSIVE FOR ALL TO saaskit_tenant '
                || 'USING (%s) WITH CHECK (%s)', target, tenant_key, tenant_key);
    END IF;
    PERFORM saaskit_grant_tenant_access(target);
END
$$;

REVOKE ALL ON FUNCTION saaskit_grant_tenant_access(regclass) FROM PUBLIC;
REVOKE ALL ON FUNCTION saaskit_protect_tenant_table(regclass, name) FROM PUBLIC;

DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'saaskit_tenant') THEN
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO saaskit_tenant', current_schema());
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE WARNING 'saaskit: % may not grant usage on schema % to saaskit_tenant', current_user, current_schema();
END
$$;

CREATE TABLE organization (
    id                 uuid        NOT NULL,
    name               text        NOT NULL,
    plan               text        NOT NULL,
    plan_limit         bigint,
    plan_source        text        NOT NULL DEFAULT 'default',
    override_plan      text,
    override_limit     bigint,
    stripe_customer_id text,
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    CONSTRAINT organization_pkey PRIMARY KEY (id),
    CONSTRAINT organization_stripe_customer_id_key UNIQUE (stripe_customer_id),
    CONSTRAINT organization_plan_source_check CHECK (plan_source IN ('default', 'subscription', 'override'))
);

CREATE TABLE app_user (
    id                  uuid        NOT NULL,
    email               text        NOT NULL,
    password_hash       text,
    given_name          text,
    family_name         text,
    display_name        text,
    password_changed_at timestamptz,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT app_user_pkey PRIMARY KEY (id),
    CONSTRAINT app_user_email_key UNIQUE (email)
);

CREATE TABLE membership (
    id          uuid        NOT NULL,
    org_id      uuid        NOT NULL,
    user_id     uuid        NOT NULL,
    role        text        NOT NULL,
    status      text        NOT NULL DEFAULT 'active',
    external_id text,
    version     bigint      NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    CONSTRAINT membership_pkey PRIMARY KEY (id),
    CONSTRAINT membership_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT membership_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT membership_org_user_key UNIQUE (org_id, user_id),
    CONSTRAINT membership_org_external_id_key UNIQUE (org_id, external_id),
    CONSTRAINT membership_role_check CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'BILLING', 'READONLY')),
    CONSTRAINT membership_status_check CHECK (status IN ('active', 'suspended'))
);

CREATE INDEX membership_user_created_idx ON membership (user_id, created_at);

CREATE TABLE session (
    id           uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    token_hash   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    ip           text,
    user_agent   text,
    CONSTRAINT session_pkey PRIMARY KEY (id),
    CONSTRAINT session_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT session_token_hash_key UNIQUE (token_hash)
);

CREATE INDEX session_user_created_idx ON session (user_id, created_at);
CREATE INDEX session_expires_idx ON session (expires_at);

SELECT saaskit_protect_tenant_table('organization', 'id');
SELECT saaskit_protect_tenant_table('membership', 'org_id');
SELECT saaskit_grant_tenant_access('app_user');
SELECT saaskit_grant_tenant_access('session');
