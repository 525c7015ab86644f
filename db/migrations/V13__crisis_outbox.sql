-- The crisis case is the outbox: its delivery steps are jobs written in the same transaction,
-- and the case records who on the staff side was reached and how.
--
-- ref: the case reference people see and type (random, not the sequential row id, so a case
-- number cannot be guessed). Cases opened before V12 get a random hex reference here.
-- staff_reached: how a person on the staff side was first told ('channel', 'dm_oncall',
-- 'dm_backup', 'dm_coordinators', 'dm_owner'); NULL while nobody has been.
-- also_abusive: the guideline rules (toxic, privacy) the same message broke, so the alert can
-- say so; crisis wins, the message stays up and a moderator decides.
ALTER TABLE crisis_cases ADD COLUMN ref TEXT;
ALTER TABLE crisis_cases ADD COLUMN staff_reached TEXT;
ALTER TABLE crisis_cases ADD COLUMN also_abusive TEXT;
UPDATE crisis_cases SET ref = upper(hex(randomblob(4))) WHERE ref IS NULL;
UPDATE crisis_cases SET staff_reached = 'channel' WHERE alert_message_id IS NOT NULL;
CREATE UNIQUE INDEX crisis_cases_ref ON crisis_cases (ref)
