-- Issue 20: jobs for many workers. A running job is held under a lease: who holds it
-- (lease_owner: a worker id, host:pid:machine:random, new at every process start) and until
-- when (lease_until, stored like every other time). The holder renews the lease while the
-- handler runs; another worker takes the job over only once the lease has expired, and the
-- holder's finishing write is refused when it no longer holds it.
--
-- Rows written before this migration have no owner: a job left running by an older Kindred
-- counts as expired, so the next start runs it again, as it always did. Plain ADD COLUMN, so
-- the same file runs on SQLite and on PostgreSQL.
ALTER TABLE jobs ADD COLUMN lease_owner TEXT;
ALTER TABLE jobs ADD COLUMN lease_until TEXT;
