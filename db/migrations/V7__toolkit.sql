-- The IER toolkit: /cope counts, the opt-in /cope log, and the weekly "share one good thing" threads.
-- Times are UTC ISO-8601 text.

-- How often each feeling was chosen in /cope, per server per UTC day. No member id, ever.
CREATE TABLE toolkit_cope_counts (
    guild_id INTEGER NOT NULL,
    day      TEXT NOT NULL,                    -- YYYY-MM-DD (UTC)
    feeling  TEXT NOT NULL,
    count    INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    PRIMARY KEY (guild_id, day, feeling)
);

-- A /cope answer the member chose to keep ("log this for me"). Only their own choice creates it.
CREATE TABLE toolkit_cope_log (
    id           INTEGER PRIMARY KEY,
    guild_id     INTEGER,                      -- NULL when used in a DM
    user_id      INTEGER NOT NULL,
    feeling      TEXT NOT NULL,
    strategy_ids TEXT NOT NULL,                -- comma-separated ids from config/ier_strategies.toml
    created_at   TEXT NOT NULL
);
CREATE INDEX toolkit_cope_log_user ON toolkit_cope_log (user_id, created_at);

-- The weekly "share one good thing" thread of each group, one per group per week.
CREATE TABLE toolkit_goodnews_threads (
    group_id   INTEGER NOT NULL REFERENCES cohort_groups (id) ON DELETE CASCADE,
    week       INTEGER NOT NULL,
    thread_id  INTEGER,                        -- set once the thread exists
    created_at TEXT NOT NULL,
    PRIMARY KEY (group_id, week)
);
