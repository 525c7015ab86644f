-- Issue 14: a member reports a message (message context menu "Report message").
-- Times are UTC ISO-8601 text.
--
-- One row per report. "worried" opens (or adds to) a crisis case for the author: case_id says
-- which. "unkind" and "private" wait in /mod queue (item M<id>) until a moderator resolves
-- them. A report on Kindred's own message or on a staff member's goes to the coordinators
-- instead (route 'coordinators'), so nobody reviews a report about themselves.
-- The reporter is never named to the author; staff see who reported. reporter_id and note go
-- when the reporter erases their data; author_id and excerpt go when the author does.
CREATE TABLE message_reports (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    reporter_id INTEGER,                     -- NULL once the reporter erased their data
    author_id   INTEGER,                     -- NULL once the author erased their data
    channel_id  INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN ('worried', 'unkind', 'private')),
    route       TEXT NOT NULL CHECK (route IN ('crisis', 'queue', 'coordinators')),
    note        TEXT,                        -- the reporter's optional words
    excerpt     TEXT,                        -- the start of the reported message
    case_id     INTEGER,                     -- the crisis case it opened or joined
    created_at  TEXT NOT NULL,
    reviewed_by INTEGER,
    reviewed_at TEXT,
    review_note TEXT
);
-- The same member reporting the same message twice is one report (NULLs stay distinct, so
-- erased reporters never collide).
CREATE UNIQUE INDEX message_reports_once ON message_reports (message_id, reporter_id);
CREATE INDEX message_reports_by_reporter ON message_reports (reporter_id, created_at);
CREATE INDEX message_reports_open ON message_reports (guild_id, reviewed_at, id);
