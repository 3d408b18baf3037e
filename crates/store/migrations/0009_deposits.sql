-- 投标保证金: a lot may require a deposit of each bidder (≤ 2 % of its budget, 条例33); the
-- project's runner records each supplier's payment (non-cash form, reference) before it bids.
ALTER TABLE lots ADD COLUMN deposit BIGINT;

CREATE TABLE bid_deposits (
    id TEXT PRIMARY KEY,
    lot_id TEXT NOT NULL REFERENCES lots(id),
    supplier_org_id TEXT NOT NULL REFERENCES organizations(id),
    amount BIGINT NOT NULL,
    -- transfer | cheque | draft | promissory_note | guarantee
    form TEXT NOT NULL,
    -- Bank transaction number, or the guarantee's number and issuer.
    reference TEXT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    recorded_at BIGINT NOT NULL,
    UNIQUE (lot_id, supplier_org_id)
);
