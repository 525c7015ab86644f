-- An abusive message whose author the crisis screen rated `watch` (say, an insult and "I feel
-- hopeless") is now hidden like any other abuse, and its hit also waits in /mod queue so a
-- human sees the distress: outcome 'hidden_wellbeing'. 'not_hidden_wellbeing' stays for the
-- rows written before. SQLite can't change a CHECK constraint, so the table is rebuilt with
-- the same columns, rows and indexes (nothing references it).
CREATE TABLE guideline_hits_v12 (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL,
    channel_id  INTEGER,
    user_id     INTEGER,
    message_id  INTEGER,
    label       TEXT NOT NULL,
    rule        TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN (
                    'nudged_dm', 'nudged_reply', 'nudge_failed', 'rate_limited', 'opted_out',
                    'reported', 'hidden', 'hide_failed', 'not_hidden_wellbeing', 'noted',
                    'hidden_wellbeing')),
    created_at  TEXT NOT NULL,
    reviewed_by INTEGER,
    reviewed_at TEXT,
    review_note TEXT
);

INSERT INTO guideline_hits_v12 (id, guild_id, channel_id, user_id, message_id, label, rule,
                                outcome, created_at, reviewed_by, reviewed_at, review_note)
SELECT id, guild_id, channel_id, user_id, message_id, label, rule,
       outcome, created_at, reviewed_by, reviewed_at, review_note
FROM guideline_hits;

DROP TABLE guideline_hits;

ALTER TABLE guideline_hits_v12 RENAME TO guideline_hits;

CREATE INDEX guideline_hits_guild ON guideline_hits (guild_id, created_at);

CREATE INDEX guideline_hits_nudges ON guideline_hits (guild_id, user_id, outcome, created_at);
