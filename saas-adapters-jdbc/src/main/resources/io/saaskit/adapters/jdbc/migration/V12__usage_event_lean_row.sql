-- saaskit: a metered request's usage_event row no longer pays for a foreign-key check or an idempotency index entry.
--
-- Why: usage_event takes one row per metered request, and each row paid (1) the organization foreign key, a lookup
-- and a FOR KEY SHARE lock of the organization row, run as a trigger query per inserted row, and (2) an entry in the
-- UNIQUE (org_id, idempotency_key) index, which for metered routes holds auto:<id>, unique already because the id is
-- the primary key. Measured with 64-row batches of the group-commit INSERT (pgbench, docs/benchmarks.md): about
-- 16 us per row before, 10 us after.
--
-- (1) The organization ids written here always come from a key or session verified moments before, as V10 found for
-- the api_key link. Deleting an organization still deletes its usage rows (the ON DELETE CASCADE it had), through an
-- AFTER DELETE trigger that, as in V10, runs as the deleting role under its row-level security scope.
ALTER TABLE usage_event DROP CONSTRAINT usage_event_org_id_fkey;

CREATE FUNCTION saaskit_usage_event_forget_organization() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM usage_event WHERE org_id = OLD.id;
    RETURN OLD;
END;
$$;

CREATE TRIGGER organization_forget_usage_events
    AFTER DELETE ON organization
    FOR EACH ROW EXECUTE FUNCTION saaskit_usage_event_forget_organization();

-- (2) Only client events (POST /usage/events) carry a payload hash, and only their Idempotency-Key needs an index to
-- be unique per organization. The insert's ON CONFLICT DO NOTHING covers every unique index, so a client event whose
-- key is taken, or any event stored already (same id), is still skipped rather than failing its batch.
ALTER TABLE usage_event DROP CONSTRAINT usage_event_org_idempotency_key_key;

CREATE UNIQUE INDEX usage_event_org_client_key ON usage_event (org_id, idempotency_key) WHERE payload_hash IS NOT NULL;
