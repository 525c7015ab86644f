-- Issue 20: job affinity. A job that works on one server (a cohort's session, check-in round or
-- good-news week) records the server, so that with several processes only one whose shards
-- hold that server claims it: its handler needs the server in that process's Discord cache.
-- NULL: the job may run anywhere (crisis work, sweeps, and every job written before this).
-- Plain ADD COLUMN, so the same file runs on SQLite and on PostgreSQL.
ALTER TABLE jobs ADD COLUMN guild_id BIGINT;
