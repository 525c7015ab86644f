-- The crisis relay: a case becomes a conversation between the member (by DM) and the team (in
-- a thread under the staff channel), and every relayed message is kept with the case.
--
-- relay_channel_id: the case's thread in the staff channel (made when the first message is
-- relayed); NULL until then.
-- crisis_relay: the transcript, in order (by id). A row is written before it is delivered, and
-- its delivery is a job (crisis_relay, entity = the row), so a restart neither loses nor repeats
-- a message. source_id is the Discord id the message came from (the member's DM, or the
-- moderator's interaction), unique per direction, so a message seen twice is stored once.
-- direction: 'in' from the member to the team; 'out' from the team (a moderator, or Kindred's
-- own notices) to the member. as_name: whom the member sees it from ("the Kindred team", or the
-- moderator's display name when they chose it). status: pending until delivered; 'closed' when
-- the member's DMs are closed; 'failed' when Discord would not take it.
-- Talk to the team: a conversation without a crisis is a case at level 'support', opened from
-- source 'talk' (the member's DM button or /talk). SQLite cannot change a CHECK in place, so
-- crisis_cases is rebuilt with the same columns, rows and indexes. Its record
-- (crisis_case_events) is parked first and put back after: dropping a table with foreign keys
-- on deletes the rows that point at it.
CREATE TABLE crisis_case_events_keep AS SELECT * FROM crisis_case_events;
DROP TABLE crisis_case_events;

CREATE TABLE crisis_cases_v18 (
    id                 INTEGER PRIMARY KEY,
    guild_id           INTEGER,
    user_id            INTEGER,  -- NULL once the member asks for their data to be erased
    channel_id         INTEGER,
    message_id         INTEGER,
    source             TEXT NOT NULL
                       CHECK (source IN ('message', 'edit', 'dm', 'manual', 'wellbeing', 'talk')),
    level              TEXT NOT NULL CHECK (level IN ('watch', 'concern', 'urgent', 'support')),
    rules              TEXT NOT NULL,
    reason             TEXT NOT NULL,
    excerpt            TEXT,     -- for moderators only; purged after the retention period
    status             TEXT NOT NULL DEFAULT 'open'
                       CHECK (status IN ('open', 'claimed', 'resolved', 'false_alarm')),
    member_notified    TEXT CHECK (member_notified IN ('dm', 'thread', 'cooldown', 'not_needed', 'failed')),
    member_notified_at TEXT,
    alert_channel_id   INTEGER,
    alert_message_id   INTEGER,
    alerted_at         TEXT,
    escalations        INTEGER NOT NULL DEFAULT 0,
    claimed_by         INTEGER,
    claimed_at         TEXT,
    closed_by          INTEGER,
    closed_at          TEXT,
    close_reason       TEXT,
    created_at         TEXT NOT NULL,
    ref                TEXT,
    staff_reached      TEXT,
    also_abusive       TEXT,
    automod_rule       TEXT,
    relay_channel_id   INTEGER   -- the case's conversation thread under the staff channel
);
INSERT INTO crisis_cases_v18 (
    id, guild_id, user_id, channel_id, message_id, source, level, rules, reason, excerpt, status,
    member_notified, member_notified_at, alert_channel_id, alert_message_id, alerted_at,
    escalations, claimed_by, claimed_at, closed_by, closed_at, close_reason, created_at, ref,
    staff_reached, also_abusive, automod_rule
)
SELECT
    id, guild_id, user_id, channel_id, message_id, source, level, rules, reason, excerpt, status,
    member_notified, member_notified_at, alert_channel_id, alert_message_id, alerted_at,
    escalations, claimed_by, claimed_at, closed_by, closed_at, close_reason, created_at, ref,
    staff_reached, also_abusive, automod_rule
FROM crisis_cases;
DROP TABLE crisis_cases;
ALTER TABLE crisis_cases_v18 RENAME TO crisis_cases;
CREATE INDEX crisis_cases_guild ON crisis_cases (guild_id, created_at);
CREATE INDEX crisis_cases_user ON crisis_cases (user_id, member_notified_at);
CREATE UNIQUE INDEX crisis_cases_message ON crisis_cases (message_id) WHERE message_id IS NOT NULL;
CREATE UNIQUE INDEX crisis_cases_ref ON crisis_cases (ref);
CREATE INDEX crisis_cases_member_recent ON crisis_cases (guild_id, user_id, created_at);
CREATE INDEX crisis_cases_relay ON crisis_cases (relay_channel_id) WHERE relay_channel_id IS NOT NULL;

CREATE TABLE crisis_case_events (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES crisis_cases (id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    actor_id INTEGER,
    detail   TEXT
);
INSERT INTO crisis_case_events (id, case_id, at, kind, actor_id, detail)
SELECT id, case_id, at, kind, actor_id, detail FROM crisis_case_events_keep;
DROP TABLE crisis_case_events_keep;
CREATE INDEX crisis_case_events_case ON crisis_case_events (case_id, id);

CREATE TABLE crisis_relay (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES crisis_cases (id) ON DELETE CASCADE,
    direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    source_id    INTEGER,
    author_id    INTEGER,
    as_name      TEXT,
    text         TEXT NOT NULL,
    attachments  TEXT NOT NULL DEFAULT '',  -- links to the member's attachments, one a line
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sent', 'closed', 'failed')),
    error        TEXT,
    created_at   TEXT NOT NULL,
    delivered_at TEXT
);
CREATE INDEX crisis_relay_case ON crisis_relay (case_id, id);
CREATE UNIQUE INDEX crisis_relay_source ON crisis_relay (direction, source_id)
    WHERE source_id IS NOT NULL
