-- Planning: budget lines, 采购意向, 采购计划 with items, supervisor approvals and 公示 objections.

CREATE TABLE budget_lines (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    fiscal_year BIGINT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    funding_source TEXT NOT NULL,
    amount BIGINT NOT NULL,
    frozen BIGINT NOT NULL DEFAULT 0,
    consumed BIGINT NOT NULL DEFAULT 0,
    paid BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    UNIQUE (org_id, fiscal_year, code)
);

CREATE TABLE intentions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    project_name TEXT NOT NULL,
    summary TEXT NOT NULL,
    budget BIGINT NOT NULL,
    expected_month TEXT NOT NULL,
    published_on TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    announcement_id TEXT NOT NULL REFERENCES announcements(id),
    created_by TEXT NOT NULL
);
CREATE INDEX intentions_org ON intentions (org_id);

CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    plan_no TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    budget_line_id TEXT NOT NULL REFERENCES budget_lines(id),
    intention_id TEXT REFERENCES intentions(id),
    previous_plan_id TEXT REFERENCES plans(id),
    name TEXT NOT NULL,
    method TEXT NOT NULL,
    object_type TEXT NOT NULL,
    total BIGINT NOT NULL,
    procurement_start TEXT NOT NULL,
    entrust_central BIGINT NOT NULL,
    single_source_ground TEXT,
    single_source_supplier TEXT,
    original_contract BIGINT,
    -- filed | awaiting_approval | publicity | refused | rejected | cancelled | failed
    status TEXT NOT NULL,
    -- JSON list of findings, as decided at submission.
    findings TEXT NOT NULL,
    frozen BIGINT NOT NULL DEFAULT 0,
    fiscal_year BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    decided_at BIGINT
);
CREATE INDEX plans_org ON plans (org_id, created_at);
CREATE INDEX plans_line ON plans (budget_line_id, fiscal_year);

CREATE TABLE plan_items (
    plan_id TEXT NOT NULL REFERENCES plans(id),
    line_no BIGINT NOT NULL,
    pinmu_code TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    amount BIGINT NOT NULL,
    PRIMARY KEY (plan_id, line_no)
);

CREATE TABLE plan_approvals (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL UNIQUE REFERENCES plans(id),
    -- The unit's region path: supervisors of this subtree decide.
    region_path TEXT NOT NULL,
    publicity_announcement_id TEXT REFERENCES announcements(id),
    publicity_ends_on TEXT,
    -- waiting | approved | rejected
    status TEXT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    comment TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE publicity_objections (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES plans(id),
    from_name TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Named counters for human-readable numbers (plan numbers); incremented atomically.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
