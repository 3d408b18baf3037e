-- 评审专家库: the expert pool. An expert belongs to a region's sub-library (a city's inside
-- the province's pool). The identity card number is kept only as a masked display and a key
-- for uniqueness (its SHA-256 under a label); specialties and ties (employment, offices,
-- declared conflicts, for 回避) are JSON lists the domain parses.
CREATE TABLE experts (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    name TEXT NOT NULL,
    id_card_key TEXT NOT NULL UNIQUE,
    id_card_masked TEXT NOT NULL,
    phone TEXT NOT NULL,
    employer TEXT NOT NULL,
    employer_uscc TEXT,
    title TEXT NOT NULL,
    specialties TEXT NOT NULL,
    ties TEXT NOT NULL,
    -- active | suspended | removed
    status TEXT NOT NULL,
    user_id TEXT REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX experts_region ON experts (region_id);
