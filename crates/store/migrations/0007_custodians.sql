-- Opening custodians: each project may name n custodians and a threshold k. The project's opening
-- key is made on a custodian's machine; the platform keeps only its public half and each share
-- sealed to its custodian. After the decryption window, k released shares open what bidders did
-- not decrypt (the remedy of 电子招标投标办法 Art. 31, where the documents allow it).

-- Keys of platform users other than suppliers (custodians: agency staff, purchasers, supervisors).
CREATE TABLE user_keys (
    key_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    public_key TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE INDEX user_keys_user ON user_keys (user_id);

CREATE TABLE project_custodians (
    project_id TEXT NOT NULL REFERENCES projects(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    position BIGINT NOT NULL,
    key_id TEXT NOT NULL REFERENCES user_keys(key_id),
    -- JSON SealedFor: the share sealed to the custodian's key (set at the key ceremony).
    sealed_share TEXT,
    -- base64, released by the custodian after the decryption window.
    released_share TEXT,
    released_at BIGINT,
    PRIMARY KEY (project_id, user_id)
);

ALTER TABLE projects ADD COLUMN custodian_threshold BIGINT;
ALTER TABLE projects ADD COLUMN opening_public_key TEXT;
ALTER TABLE projects ADD COLUMN opening_key_id TEXT;
ALTER TABLE openings ADD COLUMN remedy_until BIGINT;
