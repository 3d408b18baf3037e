-- Project procurement, part 1: supplier admission, projects and lots from filed plans, document
-- templates, published documents, obtaining documents, questions and clarifications, and the
-- scheduled transitions the job runner fires.

CREATE TABLE supplier_profiles (
    org_id TEXT PRIMARY KEY REFERENCES organizations(id),
    -- draft | submitted | returned | approved
    status TEXT NOT NULL,
    legal_representative TEXT NOT NULL,
    address TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    contact_phone TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    -- large | medium | small | micro
    size TEXT NOT NULL,
    disabled_welfare BIGINT NOT NULL DEFAULT 0,
    prison_enterprise BIGINT NOT NULL DEFAULT 0,
    business_scope TEXT NOT NULL DEFAULT '',
    review_comment TEXT,
    submitted_at BIGINT,
    reviewed_at BIGINT,
    reviewed_by TEXT,
    approved_at BIGINT,
    updated_at BIGINT NOT NULL
);
CREATE INDEX supplier_profiles_status ON supplier_profiles (status);

CREATE TABLE supplier_qualifications (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    number TEXT NOT NULL,
    file_id TEXT NOT NULL REFERENCES files(id),
    -- YYYY-MM-DD, valid through that day; NULL: open-ended.
    valid_until TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX supplier_qualifications_org ON supplier_qualifications (org_id);

-- 委托: a filed plan entrusted by its unit to the organization that runs its procurement.
CREATE TABLE entrustments (
    plan_id TEXT PRIMARY KEY REFERENCES plans(id),
    runner_org_id TEXT NOT NULL REFERENCES organizations(id),
    entrusted_by TEXT NOT NULL,
    entrusted_at BIGINT NOT NULL
);
CREATE INDEX entrustments_runner ON entrustments (runner_org_id);

CREATE TABLE doc_templates (
    id TEXT PRIMARY KEY,
    -- NULL: a platform template (admins); otherwise the agency that owns it.
    owner_org_id TEXT REFERENCES organizations(id),
    method TEXT NOT NULL,
    -- goods | works | services, or NULL for any.
    object_type TEXT,
    name TEXT NOT NULL,
    -- JSON [{key, title, body}]; bodies carry {{variables}} filled from the project.
    sections TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by TEXT
);

CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    project_no TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    region_id TEXT NOT NULL REFERENCES regions(id),
    runner_org_id TEXT NOT NULL REFERENCES organizations(id),
    method TEXT NOT NULL,
    object_type TEXT NOT NULL,
    -- draft | published | bidding_closed | terminated
    status TEXT NOT NULL,
    -- JSON: the documents as being prepared (template, evaluation, sections, dates).
    documents TEXT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    published_at BIGINT,
    issued_on TEXT,
    documents_until TEXT,
    documents_close_at BIGINT,
    documents_closed_at BIGINT,
    deadline_at BIGINT,
    announcement_id TEXT REFERENCES announcements(id),
    doc_html_file_id TEXT REFERENCES files(id),
    doc_pdf_file_id TEXT REFERENCES files(id),
    doc_sha256 TEXT,
    terminated_at BIGINT,
    termination_reason TEXT
);
CREATE INDEX projects_runner ON projects (runner_org_id, created_at);

CREATE TABLE project_plans (
    plan_id TEXT PRIMARY KEY REFERENCES plans(id),
    project_id TEXT NOT NULL REFERENCES projects(id)
);
CREATE INDEX project_plans_project ON project_plans (project_id);

CREATE TABLE lots (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    lot_no BIGINT NOT NULL,
    name TEXT NOT NULL,
    budget BIGINT NOT NULL,
    max_price BIGINT,
    -- JSON SmePolicy
    sme TEXT NOT NULL,
    -- active | terminated
    status TEXT NOT NULL,
    terminated_at BIGINT,
    termination_reason TEXT,
    UNIQUE (project_id, lot_no)
);

CREATE TABLE lot_items (
    id TEXT PRIMARY KEY,
    lot_id TEXT NOT NULL REFERENCES lots(id),
    position BIGINT NOT NULL,
    pinmu_code TEXT NOT NULL,
    description TEXT NOT NULL,
    quantity BIGINT NOT NULL,
    unit TEXT NOT NULL,
    specs TEXT NOT NULL
);
CREATE INDEX lot_items_lot ON lot_items (lot_id, position);

-- Who obtained a lot's documents: the only suppliers who may ask, bid, or challenge them.
CREATE TABLE documents_obtained (
    lot_id TEXT NOT NULL REFERENCES lots(id),
    supplier_org_id TEXT NOT NULL REFERENCES organizations(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    address TEXT NOT NULL,
    obtained_at BIGINT NOT NULL,
    PRIMARY KEY (lot_id, supplier_org_id)
);

CREATE TABLE questions (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    supplier_org_id TEXT NOT NULL REFERENCES organizations(id),
    asked_by TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    asked_at BIGINT NOT NULL,
    clarification_id TEXT
);
CREATE INDEX questions_project ON questions (project_id, asked_at);

CREATE TABLE clarifications (
    id TEXT PRIMARY KEY,
    project_id TEXT NOT NULL REFERENCES projects(id),
    text TEXT NOT NULL,
    affects_bids BIGINT NOT NULL,
    published_at BIGINT NOT NULL,
    announcement_id TEXT NOT NULL REFERENCES announcements(id),
    old_deadline_at BIGINT NOT NULL,
    new_deadline_at BIGINT
);

-- Transitions due at a time (documents window closes, bid deadline). One row per (kind, object):
-- rescheduling moves run_at. Each runs once, whichever server claims it.
CREATE TABLE scheduled_jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    object_id TEXT NOT NULL,
    run_at BIGINT NOT NULL,
    claimed_until BIGINT NOT NULL DEFAULT 0,
    attempts BIGINT NOT NULL DEFAULT 0,
    done_at BIGINT,
    last_error TEXT,
    UNIQUE (kind, object_id)
);
CREATE INDEX scheduled_jobs_due ON scheduled_jobs (done_at, run_at);

-- Announcements carry what the portal filters on, and their search terms.
ALTER TABLE announcements ADD COLUMN project_id TEXT;
ALTER TABLE announcements ADD COLUMN method TEXT;
-- ' A02010105 A020101 A0201 A02 ': every 品目 code and its ancestors, space-delimited.
ALTER TABLE announcements ADD COLUMN pinmu TEXT NOT NULL DEFAULT ' ';
-- The announcement a 更正公告 corrects.
ALTER TABLE announcements ADD COLUMN references_id TEXT;
ALTER TABLE announcements ADD COLUMN search_terms TEXT NOT NULL DEFAULT ' ';
CREATE INDEX announcements_region ON announcements (region_id, published_at);
UPDATE announcements SET kind = 'intention' WHERE kind = '采购意向公开';
UPDATE announcements SET kind = 'single_source_publicity' WHERE kind = '单一来源公示';
UPDATE announcements SET kind = 'tender' WHERE kind = '招标公告';
