-- Opt-in wellbeing check-ins: who opted in, the weekly requests sent, and the scored answers.
-- Times are UTC ISO-8601 text. cohort_id 0 means "not in a running cohort" (weeks then count
-- from the opt-in), so the unique keys work without NULLs.

-- A member's choice, per server. share_with_moderator: consent for their group's moderator to
-- see their individual answers (off unless the member turns it on).
CREATE TABLE wellbeing_optins (
    guild_id             INTEGER NOT NULL,
    user_id              INTEGER NOT NULL,
    status               TEXT NOT NULL CHECK (status IN ('in', 'out')),
    share_with_moderator INTEGER NOT NULL DEFAULT 0,
    opted_in_at          TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

-- One week's check-in sent to a member (the DM's buttons point here); one per member per week.
CREATE TABLE wellbeing_requests (
    id        INTEGER PRIMARY KEY,
    guild_id  INTEGER NOT NULL,
    user_id   INTEGER NOT NULL,
    cohort_id INTEGER NOT NULL DEFAULT 0,
    week      INTEGER NOT NULL CHECK (week >= 1),
    forms     TEXT NOT NULL,                 -- form keys, comma separated
    enabled   TEXT NOT NULL DEFAULT '',      -- optional instruments on for this request
    sent_at   TEXT,                          -- set once the DM went out
    created_at TEXT NOT NULL,
    UNIQUE (guild_id, user_id, cohort_id, week)
);

-- Scored answers: one row per instrument per member per week (a resubmission replaces it).
CREATE TABLE wellbeing_answers (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER NOT NULL,
    user_id      INTEGER NOT NULL,
    cohort_id    INTEGER NOT NULL DEFAULT 0,
    week         INTEGER NOT NULL CHECK (week >= 1),
    instrument   TEXT NOT NULL,
    answers      TEXT NOT NULL,              -- item answers, comma separated, in item order
    score        INTEGER NOT NULL,
    submitted_at TEXT NOT NULL,
    UNIQUE (guild_id, user_id, cohort_id, week, instrument)
);
CREATE INDEX wellbeing_answers_cohort ON wellbeing_answers (cohort_id, instrument, week);

-- A cohort's switches: optional instruments turned on (PHQ-9 item 9). No row: the defaults.
CREATE TABLE wellbeing_cohort_settings (
    cohort_id  INTEGER PRIMARY KEY REFERENCES cohorts (id) ON DELETE CASCADE,
    enabled    TEXT NOT NULL DEFAULT '',     -- optional instrument keys, comma separated
    updated_at TEXT NOT NULL
);
