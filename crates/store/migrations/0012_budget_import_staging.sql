-- Large budget imports are staged in short batches, then moved into budget_lines in one short
-- transaction (store::budget::import_lines): all or nothing, without one long write lock that
-- would make a bid wait.
CREATE TABLE budget_line_staging (
    import_id TEXT NOT NULL,
    seq BIGINT NOT NULL,
    id TEXT NOT NULL,
    fiscal_year BIGINT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    funding_source TEXT NOT NULL,
    amount BIGINT NOT NULL,
    staged_at BIGINT NOT NULL,
    PRIMARY KEY (import_id, seq)
);
