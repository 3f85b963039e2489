-- Issue 11, part 3: publishing stays out of everyone's way. A version's personal emails
-- are queued with what to send (whose email, for which version) and an empty body; the
-- worker writes each one when it sends it, from what the version recorded. So the
-- publish transaction holds the write lock for a few quick inserts, however long the
-- emails are. Added columns only: no table is rebuilt.

-- The version the email tells someone about. NULL for an email queued with its body
-- written out (a sign-in link).
ALTER TABLE outbox ADD COLUMN publication_id BIGINT REFERENCES publications(id);
-- Exactly one of these names whom it is for, when `publication_id` is set: a signed-in
-- person, or someone a facilitator recorded at an event.
ALTER TABLE outbox ADD COLUMN user_id BIGINT REFERENCES users(id);
ALTER TABLE outbox ADD COLUMN participant_id BIGINT REFERENCES event_participants(id);
