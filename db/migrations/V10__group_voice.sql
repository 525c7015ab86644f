-- Each group's private voice channel, beside its text channel. NULL until Kindred creates it:
-- groups of cohorts started before this version get one the next time their channels are
-- checked (at a session's start, or when Kindred connects).
ALTER TABLE cohort_groups ADD COLUMN voice_channel_id INTEGER;
-- Voice-state events arrive for every voice channel of the server; finding "is this a group's
-- voice channel?" must stay one index lookup.
CREATE INDEX cohort_groups_voice_channel ON cohort_groups (voice_channel_id)
