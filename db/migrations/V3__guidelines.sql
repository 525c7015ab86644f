-- The guidelines lane: rule modes, nudge limits and opt-outs, what the screen saw (counts, no
-- text), hidden messages (a copy for moderators, purged after the retention period),
-- infractions with expiring points, and appeals.

-- Each rule (by label) on, off or report-only, for the whole server (channel_id 0) or one
-- channel. No row means the default: on, except in the staff channel.
CREATE TABLE guideline_rule_modes (
    guild_id   INTEGER NOT NULL,
    channel_id INTEGER NOT NULL DEFAULT 0,
    label      TEXT NOT NULL,
    mode       TEXT NOT NULL CHECK (mode IN ('on', 'off', 'report')),
    updated_by INTEGER,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, channel_id, label)
);

-- Per-server limits and thresholds; NULL means the default in cogs/guidelines/policy.py.
CREATE TABLE guideline_settings (
    guild_id         INTEGER PRIMARY KEY,
    nudges_per_hour  INTEGER,
    nudges_per_week  INTEGER,
    point_days       INTEGER,
    timeout_points   INTEGER,
    timeout_minutes  INTEGER,
    review_points    INTEGER,
    updated_by       INTEGER,
    updated_at       TEXT NOT NULL
);

-- Members who asked not to be nudged (moderators can see who).
CREATE TABLE guideline_nudge_optouts (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);

-- One row per guideline hit: which rule, where, and what Kindred did. Never the text.
-- Report-only hits wait in /mod queue until a moderator marks them reviewed.
CREATE TABLE guideline_hits (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER,
    user_id     INTEGER,
    message_id  INTEGER,
    label       TEXT NOT NULL,
    rule        TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN (
                    'nudged_dm', 'nudged_reply', 'nudge_failed', 'rate_limited', 'opted_out',
                    'reported', 'hidden', 'hide_failed', 'not_hidden_wellbeing', 'noted')),
    created_at  TEXT NOT NULL,
    reviewed_by INTEGER,
    reviewed_at TEXT,
    review_note TEXT
);
CREATE INDEX guideline_hits_guild ON guideline_hits (guild_id, created_at);
CREATE INDEX guideline_hits_nudges ON guideline_hits (guild_id, user_id, outcome, created_at);

-- Every infraction: automatic (hidden message) or a moderator's warn, timeout or note.
-- Points count until expires_at unless pardoned.
CREATE TABLE guideline_infractions (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    user_id       INTEGER,  -- NULL once the member asks for their data to be erased
    kind          TEXT NOT NULL CHECK (kind IN ('hidden', 'warn', 'timeout', 'note')),
    label         TEXT,
    points        INTEGER NOT NULL DEFAULT 0,
    reason        TEXT NOT NULL,
    actor_id      INTEGER,  -- NULL when Kindred acted on its own
    duration_min  INTEGER,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NOT NULL,
    pardoned_by   INTEGER,
    pardoned_at   TEXT,
    pardon_reason TEXT
);
CREATE INDEX guideline_infractions_member ON guideline_infractions (guild_id, user_id, created_at);

-- The copy of a hidden message, for moderators only; content is purged after retention.
CREATE TABLE guideline_hidden_messages (
    id            INTEGER PRIMARY KEY,
    guild_id      INTEGER NOT NULL,
    channel_id    INTEGER,
    user_id       INTEGER,
    message_id    INTEGER NOT NULL UNIQUE,
    label         TEXT NOT NULL,
    rule          TEXT NOT NULL,
    content       TEXT,
    infraction_id INTEGER REFERENCES guideline_infractions (id) ON DELETE SET NULL,
    hidden_at     TEXT NOT NULL,
    purged_at     TEXT
);

CREATE TABLE guideline_appeals (
    id             INTEGER PRIMARY KEY,
    infraction_id  INTEGER NOT NULL UNIQUE REFERENCES guideline_infractions (id) ON DELETE CASCADE,
    guild_id       INTEGER NOT NULL,
    user_id        INTEGER,
    text           TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'granted', 'upheld')),
    created_at     TEXT NOT NULL,
    decided_by     INTEGER,
    decided_at     TEXT,
    decision       TEXT
);
CREATE INDEX guideline_appeals_open ON guideline_appeals (guild_id, status);
