-- Placeholder so that V19 applies on branch wt-r14b (the runner refuses gaps). V18 belongs to
-- issue 14 part A (wt-r14a); at merge, delete this file and keep part A's V18.
SELECT 1;
