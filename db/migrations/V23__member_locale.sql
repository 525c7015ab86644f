-- Issue 15: the Discord locale a member's client last reported (e.g. 'es-419', 'hi'), so a DM or
-- a job's message (which carries no locale) can speak their language before they choose one with
-- /language. Written when they interact with Kindred, so there is no row for people who never
-- did; kept with their other own choices, so /privacy export shows it and erase forgets it.
ALTER TABLE member_settings ADD COLUMN locale TEXT;
