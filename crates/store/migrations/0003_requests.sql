-- 申购 (purchase requests) and each unit's internal approval chain.

CREATE TABLE approval_chains (
    org_id TEXT PRIMARY KEY REFERENCES organizations(id),
    -- JSON: ApprovalChain
    steps TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT
);

CREATE TABLE purchase_requests (
    id TEXT PRIMARY KEY,
    request_no TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    applicant TEXT NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    pinmu_code TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    budget_line_id TEXT NOT NULL REFERENCES budget_lines(id),
    reason TEXT NOT NULL,
    -- JSON list of file ids (object store).
    attachments TEXT NOT NULL,
    -- draft | in_review | returned | approved | rejected
    state TEXT NOT NULL,
    step BIGINT,
    -- The chain as it was when submitted (JSON), so later edits do not change running requests.
    chain TEXT NOT NULL,
    -- JSON list of risk warnings computed at submission.
    warnings TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX purchase_requests_org ON purchase_requests (org_id, updated_at);

CREATE TABLE request_events (
    id TEXT PRIMARY KEY,
    request_id TEXT NOT NULL REFERENCES purchase_requests(id),
    at BIGINT NOT NULL,
    actor TEXT NOT NULL,
    event TEXT NOT NULL,
    step BIGINT,
    comment TEXT NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, at);

-- Approved 申购 a plan covers; a request belongs to one plan at most.
CREATE TABLE plan_requests (
    plan_id TEXT NOT NULL REFERENCES plans(id),
    request_id TEXT NOT NULL UNIQUE REFERENCES purchase_requests(id),
    PRIMARY KEY (plan_id, request_id)
);

-- Reminders already sent, so each goes out once however many servers run the job.
CREATE TABLE reminders_sent (
    key TEXT PRIMARY KEY,
    at BIGINT NOT NULL
);
