-- Issue 12: email that reaches inboxes.
-- Secrets the app makes for itself at first start and every app server shares, e.g. the
-- key that signs one-click unsubscribe links (so a link can be checked without storing
-- one per email sent).
CREATE TABLE site_secrets (
    name        TEXT    PRIMARY KEY,
    secret      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- Someone recorded at an event who asked to hear back by email can stop those emails
-- from the email itself (they have no account page); the facilitator's record of how
-- they asked to hear back is left as it was.
ALTER TABLE event_participants ADD COLUMN email_opt_out INTEGER NOT NULL DEFAULT 0
    CONSTRAINT event_participants_email_opt_out_flag CHECK (email_opt_out IN (0, 1));
