-- Issue 12: safe to run in public.
-- Rate-limit hits of addresses that never come back are purged by age.
CREATE INDEX rate_limit_hits_by_time ON rate_limit_hits(hit_at);

-- Sessions end after a while without use (sooner for editors and admins): when each was
-- last used, to the nearest few minutes. Sessions from before count from their start.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;

-- Signing in brings a person back to the page they were on.
ALTER TABLE sign_in_tokens ADD COLUMN return_to TEXT;

-- What someone sent after their session ended, kept (a day at most) until they have
-- signed in again and are back on the page, where it fills the form again. Found by a
-- cookie on their browser holding a secret stored here only as its hash; given back
-- only to the person whose session it was, when that is known.
CREATE TABLE held_submissions (
    token_hash  TEXT    PRIMARY KEY,
    user_id     INTEGER REFERENCES users(id) ON DELETE CASCADE,
    page        TEXT    NOT NULL,
    form        TEXT    NOT NULL,
    field       TEXT    NOT NULL,
    fields      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX held_submissions_by_expiry ON held_submissions(expires_at);
