-- Notifications keep the catalog key of their text and its arguments (JSON), and are rendered
-- in the reader's language when read: a third language is a catalog, not a column. Rows written
-- before this migration keep their two stored texts as arguments of the key `notice.legacy`
-- (moved by store::notify::backfill_legacy, which empties notification_texts_0012).
CREATE TABLE notifications_keyed (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL,
    message_key TEXT NOT NULL,
    message_args TEXT NOT NULL,
    link TEXT,
    created_at BIGINT NOT NULL,
    read_at BIGINT
);
INSERT INTO notifications_keyed (id, user_id, kind, message_key, message_args, link, created_at, read_at)
    SELECT id, user_id, kind, 'notice.legacy', '{}', link, created_at, read_at FROM notifications;
CREATE TABLE notification_texts_0012 AS SELECT id, title_zh, title_en, body_zh, body_en FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_keyed RENAME TO notifications;
CREATE INDEX notifications_user ON notifications (user_id, created_at);
