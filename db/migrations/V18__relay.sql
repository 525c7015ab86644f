-- The crisis relay: a case becomes a conversation between the member (by DM) and the team (in
-- a thread under the staff channel), and every relayed message is kept with the case.
--
-- relay_channel_id: the case's thread in the staff channel (made when the first message is
-- relayed); NULL until then.
-- crisis_relay: the transcript, in order (by id). A row is written before it is delivered, and
-- its delivery is a job (crisis_relay, entity = the row), so a restart neither loses nor repeats
-- a message. source_id is the Discord id the message came from (the member's DM, or the
-- moderator's interaction), unique per direction, so a message seen twice is stored once.
-- direction: 'in' from the member to the team; 'out' from the team (a moderator, or Kindred's
-- own notices) to the member. as_name: whom the member sees it from ("the Kindred team", or the
-- moderator's display name when they chose it). status: pending until delivered; 'closed' when
-- the member's DMs are closed; 'failed' when Discord would not take it.
ALTER TABLE crisis_cases ADD COLUMN relay_channel_id INTEGER;
CREATE TABLE crisis_relay (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES crisis_cases (id) ON DELETE CASCADE,
    direction    TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    source_id    INTEGER,
    author_id    INTEGER,
    as_name      TEXT,
    text         TEXT NOT NULL,
    attachments  TEXT NOT NULL DEFAULT '',  -- links to the member's attachments, one a line
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sent', 'closed', 'failed')),
    error        TEXT,
    created_at   TEXT NOT NULL,
    delivered_at TEXT
);
CREATE INDEX crisis_relay_case ON crisis_relay (case_id, id);
CREATE UNIQUE INDEX crisis_relay_source ON crisis_relay (direction, source_id)
    WHERE source_id IS NOT NULL;
CREATE INDEX crisis_cases_relay ON crisis_cases (relay_channel_id) WHERE relay_channel_id IS NOT NULL
