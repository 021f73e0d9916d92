package io.saaskit.core.audit;

import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A stored audit row: the entry as written, with the id, sequence number and chain hashes the sink assigned.
 *
 * @param id the row id
 * @param seq the row's position in its organization's chain, from 1, without gaps
 * @param entry what was recorded
 * @param prevHash the hash of the row before (64 zeros for the first row); {@code null} only for rows written before
 * the hash chain existed, which lie at or before the chain's first anchor
 * @param hash {@code hex(SHA-256(prevHash || canonical))}, see {@link AuditHashes}; {@code null} as {@code prevHash}
 */
public record AuditRecord(UUID id, long seq, AuditEntry entry, @Nullable String prevHash, @Nullable String hash) {

    public AuditRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entry, "entry");
    }
}
