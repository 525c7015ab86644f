-- Every message in the server asks "is this a group's channel?" (attendance); keep that one
-- index lookup, like the voice channel's since V10.
CREATE INDEX cohort_groups_channel ON cohort_groups (channel_id)
