-- Issue 16: wellbeing answers kept as they are tapped, and "can't make it" absences.

-- A wellbeing answer tapped (or typed) but not yet submitted, so a member who stops half-way
-- and comes back finds it again (ephemeral screens time out; the database does not). One row
-- per request and question (``<instrument>:<item index>``); the whole set goes on submit.
CREATE TABLE wellbeing_partial_answers (
    request_id INTEGER NOT NULL REFERENCES wellbeing_requests (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    input_id   TEXT NOT NULL,
    value      INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (request_id, input_id)
);

-- A member's "can't make it" for one session: an excused absence, not a missed session.
-- The reason is for the group's moderator only. Undoing deletes the row.
CREATE TABLE cohort_absences (
    session_id INTEGER NOT NULL REFERENCES cohort_sessions (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL,
    reason     TEXT,
    marked_at  TEXT NOT NULL,
    PRIMARY KEY (session_id, user_id)
);
