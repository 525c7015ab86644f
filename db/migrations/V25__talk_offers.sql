-- Issue 20: the "Talk to the team" offer's hourly limit, kept in the database. A member who DMs
-- Kindred with no open case is offered a person at most once an hour; the time of the last
-- offer was a dict in one process's memory, so a restart (or, with shards, another process)
-- offered it again. One row per member offered it lately: the daily retention sweep deletes
-- rows older than the hour. A person's id, so /privacy shows, exports and erases it; a UNIQUE
-- column rather than SQLite's rowid, as V14 explains, so an erased id leaves the file.
-- Plain CREATE TABLE, so the same file runs on SQLite and on PostgreSQL.
CREATE TABLE talk_offers (
    user_id BIGINT NOT NULL UNIQUE,
    offered_at TEXT NOT NULL
);
