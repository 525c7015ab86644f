-- Kindred's own AutoMod rule for slurs (/guidelines automod on|off).
-- automod_rule: 1 when a coordinator turned it on; Kindred then keeps one keyword rule of its own
-- (created, updated or removed to match at start-up and when the setting changes).
-- automod_rule_id: the id of the rule Kindred made; NULL when there is none (off, or not made
-- yet because Kindred lacked Manage Server). A rule deleted by hand is made again when on.
ALTER TABLE guideline_settings ADD COLUMN automod_rule INTEGER NOT NULL DEFAULT 0
    CHECK (automod_rule IN (0, 1));
ALTER TABLE guideline_settings ADD COLUMN automod_rule_id INTEGER;
