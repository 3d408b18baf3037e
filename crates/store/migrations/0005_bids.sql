-- Sealed bids and the transparency log.

-- A supplier organization's public keys, each with a certificate-like record the platform signs
-- (organization, key, validity). The private key never reaches the platform.
CREATE TABLE supplier_keys (
    key_id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    suite TEXT NOT NULL,
    public_key TEXT NOT NULL,
    -- The signed record (JSON) and the platform's signature over it.
    certificate TEXT NOT NULL,
    certificate_signature TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    valid_until BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX supplier_keys_org ON supplier_keys (org_id);

-- The append-only Merkle log (RFC 6962 hashing). Leaf bodies stay on the server; tree heads and
-- proofs are public. `log_head` is locked by every append, so indexes are dense and ordered.
CREATE TABLE log_head (
    id BIGINT PRIMARY KEY,
    size BIGINT NOT NULL
);
INSERT INTO log_head (id, size) VALUES (1, 0);

CREATE TABLE log_leaves (
    idx BIGINT PRIMARY KEY,
    leaf_hash TEXT NOT NULL,
    kind TEXT NOT NULL,
    ref_id TEXT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL
);

-- Signed tree heads as published (the portal lists them; watchers compare).
CREATE TABLE log_checkpoints (
    size BIGINT PRIMARY KEY,
    root TEXT NOT NULL,
    at BIGINT NOT NULL,
    signature TEXT NOT NULL
);

CREATE TABLE bids (
    id TEXT PRIMARY KEY,
    lot_id TEXT NOT NULL REFERENCES lots(id),
    supplier_org_id TEXT NOT NULL REFERENCES organizations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    version BIGINT NOT NULL,
    -- valid | superseded | withdrawn
    status TEXT NOT NULL,
    ciphertext_file_id TEXT NOT NULL REFERENCES files(id),
    ciphertext_sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    -- JSON [{key_id, epk, ct}]: the content key wrapped to each recipient.
    wrapped TEXT NOT NULL,
    key_id TEXT NOT NULL REFERENCES supplier_keys(key_id),
    signature TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    address TEXT NOT NULL,
    user_agent TEXT NOT NULL,
    log_index BIGINT NOT NULL,
    withdrawn_at BIGINT
);
CREATE INDEX bids_lot ON bids (lot_id, supplier_org_id, version);
