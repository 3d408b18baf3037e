-- Look-alike keys (domain::identity): no two suppliers, and no two accounts, may have names
-- that look the same (NFKC, case, TR39 confusable skeleton). NULL for organizations that are not
-- suppliers, and for rows the backfill found already colliding (left for an admin to resolve).
ALTER TABLE organizations ADD COLUMN name_key TEXT;
CREATE UNIQUE INDEX organizations_look_alike ON organizations (name_key);
ALTER TABLE users ADD COLUMN username_key TEXT;
CREATE UNIQUE INDEX users_look_alike ON users (username_key);
