-- Issue 15: a member's language, the server's language, and language-aware groups.

-- The language a member chose with /language ('en', 'es', 'hi'); NULL: not chosen, so their
-- Discord locale decides, then the server's language. Kept with their other own choices, so
-- /privacy export shows it and erase forgets it with the row.
ALTER TABLE member_settings ADD COLUMN language TEXT;

-- The server's language (set in /setup); NULL means English.
ALTER TABLE guild_settings ADD COLUMN language TEXT;

-- A group's language; NULL: not set (the group is in the server's language). While no group of
-- a cohort has a language, placement ignores languages, as it did before.
ALTER TABLE cohort_groups ADD COLUMN language TEXT;

-- The language a waitlisted member waits for (NULL: any), so a place freed in a Spanish group
-- goes to the next person waiting for Spanish, not to whoever is first in the queue.
ALTER TABLE cohort_enrolments ADD COLUMN wait_language TEXT;
