-- PLACEHOLDER on branch wt-loca only, so V23 can run here (versions may not have gaps).
-- The real V22 (job leases) is on branch wt-lease under this same name: at merge, take theirs.
SELECT 1;
