-- Members who asked for session reminders by DM as well as in their group channel.
ALTER TABLE cohort_enrolments ADD COLUMN remind_by_dm INTEGER NOT NULL DEFAULT 0
