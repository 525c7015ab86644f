"""Shared helpers for the cogs (not an extension): errors, replies, the clock, jobs."""
