"""Tests for the weekly peer check-ins."""
