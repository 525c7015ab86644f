-- The cohorts lane: cohorts, their groups, enrolment (with the waitlist), sessions, attendance.
-- Times are UTC ISO-8601 text like every other table; dates and wall-clock times are the
-- cohort's own local values (its timezone is stored beside them).

CREATE TABLE cohorts (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL,
    name           TEXT NOT NULL,
    state          TEXT NOT NULL DEFAULT 'draft'
                   CHECK (state IN ('draft', 'enrolling', 'running', 'completed', 'cancelled')),
    start_date     TEXT NOT NULL,              -- local date, YYYY-MM-DD
    weeks          INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 52),
    weekday        INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    local_time     TEXT NOT NULL,              -- HH:MM in the cohort's timezone
    timezone       TEXT NOT NULL,              -- IANA name
    length_minutes INTEGER NOT NULL CHECK (length_minutes > 0),
    group_cap      INTEGER NOT NULL CHECK (group_cap > 0),
    between_mode   TEXT NOT NULL DEFAULT 'closed' CHECK (between_mode IN ('closed', 'slowmode')),
    reminder_hours TEXT NOT NULL DEFAULT '24,1', -- hours before each session, comma separated
    skipped_slots  TEXT NOT NULL DEFAULT '',   -- calendar weeks with no session (schedule.py)
    category_id    INTEGER,
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE UNIQUE INDEX cohorts_guild_name ON cohorts (guild_id, name COLLATE NOCASE);

CREATE TABLE cohort_groups (
    id           INTEGER PRIMARY KEY,
    cohort_id    INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    focus        TEXT NOT NULL
                 CHECK (focus IN ('newly_diagnosed', 'progression', 'affinity', 'general')),
    label        TEXT,
    moderator_id INTEGER,
    channel_id   INTEGER,
    UNIQUE (cohort_id, number)
);

-- One row per member per cohort. A waitlisted row keeps the group it waits for (NULL: any).
CREATE TABLE cohort_enrolments (
    id            INTEGER PRIMARY KEY,
    cohort_id     INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL,
    group_id      INTEGER REFERENCES cohort_groups (id),
    status        TEXT NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'left')),
    joined_week   INTEGER NOT NULL DEFAULT 1,
    focus_pref    TEXT,
    timezone_pref TEXT,
    checkins      INTEGER NOT NULL DEFAULT 0,
    language      TEXT,
    consent_at    TEXT,
    enrolled_by   INTEGER,
    queued_at     TEXT NOT NULL,              -- waitlist order
    updated_at    TEXT NOT NULL,
    UNIQUE (cohort_id, user_id)
);
CREATE INDEX cohort_enrolments_group ON cohort_enrolments (group_id, status);

CREATE TABLE cohort_sessions (
    id        INTEGER PRIMARY KEY,
    cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    week      INTEGER NOT NULL,
    slot      INTEGER NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at   TEXT NOT NULL,
    status    TEXT NOT NULL DEFAULT 'scheduled'
              CHECK (status IN ('scheduled', 'open', 'held', 'cancelled')),
    event_id  INTEGER,                        -- the Discord scheduled event mirroring it
    event_status TEXT CHECK (event_status IN ('scheduled', 'active', 'ended', 'failed')),
    UNIQUE (cohort_id, week)
);
CREATE INDEX cohort_sessions_start ON cohort_sessions (starts_at);

-- Which reminders went out (so a rerun after a restart sends none twice).
CREATE TABLE cohort_reminders_sent (
    session_id     INTEGER NOT NULL REFERENCES cohort_sessions (id) ON DELETE CASCADE,
    before_minutes INTEGER NOT NULL,
    sent_at        TEXT NOT NULL,
    PRIMARY KEY (session_id, before_minutes)
);

CREATE TABLE cohort_attendance (
    session_id INTEGER NOT NULL REFERENCES cohort_sessions (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    group_id   INTEGER NOT NULL,
    how        TEXT NOT NULL CHECK (how IN ('message', 'voice')),
    at         TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);

-- A coordinator's own theme for one week of one cohort.
CREATE TABLE cohort_themes (
    cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    week      INTEGER NOT NULL,
    theme     TEXT NOT NULL,
    PRIMARY KEY (cohort_id, week)
);

-- Outreach notes already sent to a moderator (once per member, session and reason).
CREATE TABLE cohort_outreach (
    cohort_id  INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    week       INTEGER NOT NULL,
    reason     TEXT NOT NULL,
    sent_at    TEXT NOT NULL,
    PRIMARY KEY (cohort_id, user_id, week, reason)
);
