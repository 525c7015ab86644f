"""Conversation guidelines: coach, don't punish; handle abuse fairly."""
