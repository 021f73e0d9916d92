-- saaskit: an identity of this database, read by UsageEventStore.storeId().
--
-- Why: a usage journal directory (saaskit.metering.journal.directory) may be shared by instances, and an instance
-- ships what stopped instances left there. The journal records the identity of the store its events belong to, so
-- that an app of another database pointed at the same directory by mistake leaves them alone instead of inserting
-- them into the wrong database. It is the database's own, not derived from a URL, so it survives a change of host
-- name or port; a copy of the database (a restored backup) shares it.
CREATE TABLE saaskit_store (
    id uuid PRIMARY KEY,
    single boolean NOT NULL DEFAULT true UNIQUE CHECK (single)
);

INSERT INTO saaskit_store (id) VALUES (gen_random_uuid());

SELECT saaskit_grant_tenant_access('saaskit_store');
