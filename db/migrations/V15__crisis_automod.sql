-- A message Discord's AutoMod blocked still reaches the crisis lane (it was never posted, so it
-- has no message id).
-- automod_rule: the name of the AutoMod rule that blocked (or flagged) the member's message;
-- NULL for every other case. The alert says so, and the member is told they were not punished.
-- The index finds a member's recent open case, so the same disclosure arriving as a blocked
-- message and again as a post (re-worded) opens one case, not two.
ALTER TABLE crisis_cases ADD COLUMN automod_rule TEXT;
CREATE INDEX crisis_cases_member_recent ON crisis_cases (guild_id, user_id, created_at)
