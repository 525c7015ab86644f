"""Cohorts: 12-week programmes of weekly, moderated group sessions."""
