"""Tests for the cohorts lane."""
