-- 采购人确认: a purchasing unit's settings (whether it confirms procurement documents before
-- they are published), and each unit's latest decision on a project's draft documents, kept
-- with the SHA-256 of the documents it was shown so an edit afterwards needs a new decision.
CREATE TABLE unit_settings (
    org_id TEXT PRIMARY KEY REFERENCES organizations(id),
    confirm_documents INTEGER NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id)
);
CREATE TABLE document_confirmations (
    project_id TEXT NOT NULL REFERENCES projects(id),
    org_id TEXT NOT NULL REFERENCES organizations(id),
    documents_sha256 TEXT NOT NULL,
    decision TEXT NOT NULL,
    comment TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users(id),
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (project_id, org_id)
);
