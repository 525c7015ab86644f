-- A member's id stops being member_settings' rowid. SQLite copies rowids into the interior
-- pages of a table's b-tree and leaves them there when the row is deleted, so an erased
-- member's id stayed in the file. As a UNIQUE column it lives in the row and in an index,
-- whose entries are stored once and overwritten on delete (secure_delete).
CREATE TABLE member_settings_new (
    user_id    INTEGER NOT NULL UNIQUE,
    country    TEXT,
    updated_at TEXT NOT NULL
);
INSERT INTO member_settings_new (user_id, country, updated_at)
    SELECT user_id, country, updated_at FROM member_settings ORDER BY user_id;
DROP TABLE member_settings;
ALTER TABLE member_settings_new RENAME TO member_settings
