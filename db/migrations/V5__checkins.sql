-- Peer check-ins: weekly partners inside each cohort group.
-- Times are UTC ISO-8601 text; a round's week counts from 1 for each cohort.

-- A cohort's own check-in day and time (local to the cohort's timezone); absent: the default.
CREATE TABLE checkin_schedules (
    cohort_id  INTEGER PRIMARY KEY REFERENCES cohorts (id) ON DELETE CASCADE,
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    local_time TEXT NOT NULL,                  -- HH:MM
    updated_at TEXT NOT NULL
);

-- A member's own choices for one cohort. No row: the intake form's answer decides.
CREATE TABLE checkin_members (
    cohort_id     INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id       INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('active', 'opted_out', 'paused')),
    place         TEXT NOT NULL DEFAULT 'thread' CHECK (place IN ('thread', 'dm')),
    snoozed_until INTEGER NOT NULL DEFAULT 0,  -- the last round week skipped (0: none)
    counted_from  INTEGER NOT NULL DEFAULT 0,  -- misses count from rounds of this week on
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (cohort_id, user_id)
);

-- Confidential "don't pair me with" lists, server-wide. Never shown to the other member.
CREATE TABLE checkin_avoid (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    avoid_id   INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id, avoid_id)
);
CREATE INDEX checkin_avoid_other ON checkin_avoid (avoid_id);

-- One week of check-ins for a cohort; stored (with its pairs) before any thread is created.
CREATE TABLE checkin_rounds (
    id         INTEGER PRIMARY KEY,
    cohort_id  INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    week       INTEGER NOT NULL,
    starts_at  TEXT NOT NULL,
    remind_at  TEXT NOT NULL,
    ask_at     TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    created_at TEXT NOT NULL,
    UNIQUE (cohort_id, week)
);

-- A pair or trio of one round in one group, and where they meet.
CREATE TABLE checkin_pairs (
    id          INTEGER PRIMARY KEY,
    round_id    INTEGER NOT NULL REFERENCES checkin_rounds (id) ON DELETE CASCADE,
    group_id    INTEGER NOT NULL,
    place       TEXT NOT NULL CHECK (place IN ('thread', 'dm')),
    prompt      TEXT NOT NULL,
    thread_id   INTEGER,                       -- set as soon as the thread exists
    announced   INTEGER NOT NULL DEFAULT 0,    -- members added and the prompt posted
    reminded_at TEXT,
    asked_at    TEXT
);
CREATE INDEX checkin_pairs_round ON checkin_pairs (round_id);
CREATE INDEX checkin_pairs_thread ON checkin_pairs (thread_id);

CREATE TABLE checkin_pair_members (
    pair_id     INTEGER NOT NULL REFERENCES checkin_pairs (id) ON DELETE CASCADE,
    user_id     INTEGER NOT NULL,
    outcome     TEXT CHECK (outcome IN ('met', 'not_met', 'no_answer')),
    answered_at TEXT,
    posted_at   TEXT,                          -- first message in the pair's thread this week
    PRIMARY KEY (pair_id, user_id)
);
CREATE INDEX checkin_pair_members_user ON checkin_pair_members (user_id);

-- Members of a round who had no group, with the reason code (for moderators only).
CREATE TABLE checkin_unplaced (
    round_id INTEGER NOT NULL REFERENCES checkin_rounds (id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    reason   TEXT NOT NULL,
    told_at  TEXT,
    PRIMARY KEY (round_id, user_id)
);
CREATE INDEX checkin_unplaced_user ON checkin_unplaced (user_id);

-- Kind notes about a pause, sent once per member, cohort and week.
CREATE TABLE checkin_pauses (
    cohort_id INTEGER NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id   INTEGER NOT NULL,
    week      INTEGER NOT NULL,
    told_at   TEXT,
    PRIMARY KEY (cohort_id, user_id, week)
);
