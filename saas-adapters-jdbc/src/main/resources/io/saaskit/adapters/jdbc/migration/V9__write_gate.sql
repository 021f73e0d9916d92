-- saaskit: write gates (WriteGate port) when Redis is not configured. One row per gate key: until when the gate stays
-- closed after the last caller passed. UNLOGGED: after a crash the table comes back empty, which only lets one more
-- caller through per key. Rows are swept by the gate itself once their interval is long over.
CREATE UNLOGGED TABLE write_gate (
    gate_key     text        NOT NULL,
    closed_until timestamptz NOT NULL,
    CONSTRAINT write_gate_pkey PRIMARY KEY (gate_key)
);

CREATE INDEX write_gate_closed_until_idx ON write_gate (closed_until);

-- A global table: no org_id, no row-level security; tenant transactions may pass a gate too.
SELECT saaskit_grant_tenant_access('write_gate');
