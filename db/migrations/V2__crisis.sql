-- The crisis lane: every case and every step taken on it. A case is written before anything
-- is sent, so nothing that follows can be lost.

CREATE TABLE crisis_cases (
    id                 INTEGER PRIMARY KEY,
    guild_id           INTEGER,
    user_id            INTEGER,  -- NULL once the member asks for their data to be erased
    channel_id         INTEGER,
    message_id         INTEGER,
    source             TEXT NOT NULL CHECK (source IN ('message', 'edit', 'dm', 'manual', 'wellbeing')),
    level              TEXT NOT NULL CHECK (level IN ('watch', 'concern', 'urgent')),
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
    created_at         TEXT NOT NULL
);
CREATE INDEX crisis_cases_guild ON crisis_cases (guild_id, created_at);
CREATE INDEX crisis_cases_user ON crisis_cases (user_id, member_notified_at);
CREATE UNIQUE INDEX crisis_cases_message ON crisis_cases (message_id) WHERE message_id IS NOT NULL;

CREATE TABLE crisis_case_events (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES crisis_cases (id) ON DELETE CASCADE,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL,
    actor_id INTEGER,
    detail   TEXT
);
CREATE INDEX crisis_case_events_case ON crisis_case_events (case_id, id);

-- A member's own choices that are not tied to a cohort (for now: their helpline country).
CREATE TABLE member_settings (
    user_id INTEGER PRIMARY KEY,
    country TEXT,
    updated_at TEXT NOT NULL
);

ALTER TABLE guild_settings ADD COLUMN urgent_ack_minutes INTEGER;
ALTER TABLE guild_settings ADD COLUMN concern_ack_minutes INTEGER
