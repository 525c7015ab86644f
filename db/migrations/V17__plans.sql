-- Issue 19: a member's private IER plan (/plan), and moderators' profiles.
-- Times are UTC ISO-8601 text.

-- One to three situations that weigh on a member, each with the strategies they chose for it
-- (ids from config/ier_strategies.toml) and, if they like, their own words. Private: nobody but
-- the member sees it, unless they press "share with my moderator" (which sends a copy; nothing
-- about the share is stored here). Not tied to a server: /plan works in DMs too.
CREATE TABLE plan_items (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL,
    situation    TEXT NOT NULL CHECK (length(situation) BETWEEN 1 AND 200),
    strategy_ids TEXT NOT NULL DEFAULT '',       -- comma-separated strategy ids
    own_words    TEXT,                           -- what helps, in the member's words
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX plan_items_user ON plan_items (user_id, id);

-- What members see about a moderator: their role, a short bio and the languages they speak.
-- Set by a coordinator (or by the moderator themselves), per server.
CREATE TABLE moderator_profiles (
    guild_id   INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('licensed_clinician', 'peer_facilitator', 'volunteer')),
    bio        TEXT NOT NULL DEFAULT '',
    languages  TEXT NOT NULL DEFAULT '',         -- comma-separated, as written ("English, Hindi")
    updated_by INTEGER,                           -- who set it; NULL once they erased their data
    updated_at TEXT NOT NULL,
    PRIMARY KEY (guild_id, user_id)
);
