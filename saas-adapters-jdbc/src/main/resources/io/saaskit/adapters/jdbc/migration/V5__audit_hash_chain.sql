-- saaskit M4: the tamper-evident audit hash chain.
--
-- Every organization's audit rows form a chain: row n has seq = n (no gaps), prev_hash = the hash of row n-1 (64
-- zeros for row 1) and hash = hex(SHA-256(prev_hash || RFC 8785 canonical JSON of the row)). Appends are serialised
-- per organization by a row lock on audit_chain, which also holds the head (newest row) and the anchor (the last row
-- retention removed, where verification starts).

CREATE TABLE audit_chain (
    org_id      uuid   NOT NULL,
    head_seq    bigint NOT NULL,
    head_hash   text   NOT NULL,
    anchor_seq  bigint NOT NULL,
    anchor_hash text   NOT NULL,
    CONSTRAINT audit_chain_pkey PRIMARY KEY (org_id),
    CONSTRAINT audit_chain_org_id_fkey FOREIGN KEY (org_id) REFERENCES organization (id) ON DELETE CASCADE,
    CONSTRAINT audit_chain_head_hash_check CHECK (head_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT audit_chain_anchor_hash_check CHECK (anchor_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT audit_chain_seq_check CHECK (0 <= anchor_seq AND anchor_seq <= head_seq)
);

-- Rows written before the chain existed (M1-M3) get sequence numbers in the order they were written, but no hashes:
-- their content was never hashed when written, so hashing it now would vouch for whatever it holds today. Each such
-- organization's anchor is put after its last legacy row, so verification covers exactly the rows written since.
UPDATE audit_log AS a
   SET seq = numbered.seq
  FROM (SELECT id, row_number() OVER (PARTITION BY org_id ORDER BY created_at, id) AS seq
          FROM audit_log
         WHERE seq IS NULL) AS numbered
 WHERE a.id = numbered.id;

INSERT INTO audit_chain (org_id, head_seq, head_hash, anchor_seq, anchor_hash)
SELECT org_id, max(seq), repeat('0', 64), max(seq), repeat('0', 64)
  FROM audit_log
 GROUP BY org_id;

ALTER TABLE audit_log ALTER COLUMN seq SET NOT NULL;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_seq_check CHECK (seq >= 1);
ALTER TABLE audit_log ADD CONSTRAINT audit_log_hash_check
    CHECK ((prev_hash IS NULL AND hash IS NULL)
        OR (prev_hash ~ '^[0-9a-f]{64}$' AND hash ~ '^[0-9a-f]{64}$'));

SELECT saaskit_protect_tenant_table('audit_chain', 'org_id');
