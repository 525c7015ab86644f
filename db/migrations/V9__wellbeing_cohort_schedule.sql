-- A cohort's own wellbeing schedule. NULL means the default from config/instruments.toml.
ALTER TABLE wellbeing_cohort_settings ADD COLUMN full_weeks TEXT;
ALTER TABLE wellbeing_cohort_settings ADD COLUMN weekly_forms TEXT
