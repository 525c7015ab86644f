-- Foundation: per-server settings, the scheduled-work table, the audit log, and bot metadata.
-- Times are ISO-8601 strings in UTC with microseconds, so text order is time order.

CREATE TABLE guild_settings (
    guild_id            INTEGER PRIMARY KEY,
    moderator_role_id   INTEGER,
    coordinator_role_id INTEGER,
    oncall_role_id      INTEGER,
    backup_role_id      INTEGER,
    staff_channel_id    INTEGER,
    country             TEXT,
    timezone            TEXT,
    updated_at          TEXT NOT NULL,
    updated_by          INTEGER
);

-- Every scheduled item. The scheduler is only an alarm clock rebuilt from this table.
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    entity_id   INTEGER NOT NULL,
    due_at      TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'pending'
                CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    late        INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  TEXT NOT NULL,
    started_at  TEXT,
    finished_at TEXT,
    UNIQUE (kind, entity_id)
);
CREATE INDEX jobs_pending_due ON jobs (status, due_at);

-- What staff changed, with who and why. Detail never holds a member's message text.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER,
    actor_id   INTEGER,
    action     TEXT NOT NULL,
    target_id  INTEGER,
    detail     TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX audit_log_guild ON audit_log (guild_id, created_at);

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
