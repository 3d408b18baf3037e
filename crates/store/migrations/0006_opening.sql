-- Online opening (开标): per lot, after the deadline.

CREATE TABLE openings (
    lot_id TEXT PRIMARY KEY REFERENCES lots(id),
    -- failed (fewer than 3 valid bids) | decrypting | closed
    status TEXT NOT NULL,
    valid_bids BIGINT NOT NULL,
    started_at BIGINT NOT NULL,
    decrypt_until BIGINT NOT NULL,
    closed_at BIGINT,
    -- The opening record (开标记录), JSON, as logged.
    record TEXT,
    record_sha256 TEXT,
    record_log_index BIGINT
);

CREATE TABLE opening_signins (
    lot_id TEXT NOT NULL REFERENCES lots(id),
    supplier_org_id TEXT NOT NULL REFERENCES organizations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    at BIGINT NOT NULL,
    PRIMARY KEY (lot_id, supplier_org_id)
);

CREATE TABLE opening_objections (
    id TEXT PRIMARY KEY,
    lot_id TEXT NOT NULL REFERENCES lots(id),
    supplier_org_id TEXT NOT NULL REFERENCES organizations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    at BIGINT NOT NULL
);

-- What opening learns about a bid.
ALTER TABLE bids ADD COLUMN opened_at BIGINT;
-- opened | revoked (bidder-caused failure, Art. 31) | withdrawn_failure (caused by others)
ALTER TABLE bids ADD COLUMN open_outcome TEXT;
ALTER TABLE bids ADD COLUMN open_cause TEXT;
ALTER TABLE bids ADD COLUMN price BIGINT;
-- JSON: unit prices, declarations, files (name, size, sha256, metadata), kept after opening.
ALTER TABLE bids ADD COLUMN opened_summary TEXT;
ALTER TABLE bids ADD COLUMN content_file_id TEXT REFERENCES files(id);
