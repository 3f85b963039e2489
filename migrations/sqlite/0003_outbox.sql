-- The transactional email outbox. A row is written in the same transaction as the event
-- that owes someone an email; a worker sends it, retries with backoff, and records every
-- attempt. Times are Unix seconds.

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    -- Enqueueing twice with the same key (e.g. "publication:7:user:42") queues one email.
    dedupe_key       TEXT    NOT NULL UNIQUE,
    recipient        TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    text_body        TEXT    NOT NULL,
    html_body        TEXT,
    -- What the email belongs to (e.g. "publication:7"), for progress per publication.
    batch            TEXT,
    -- queued | sending | sent | retrying | failed
    status           TEXT    NOT NULL DEFAULT 'queued',
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    -- While 'sending': the lease. A worker that dies mid-send leaves it to expire, and
    -- the message is claimed again.
    claimed_until    INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER
);
-- The worker's claim: due queued/retrying rows, and 'sending' rows whose lease expired.
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_leases ON outbox(status, claimed_until);
CREATE INDEX outbox_by_batch ON outbox(batch, status);

CREATE TABLE outbox_attempts (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL REFERENCES outbox(id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    -- sent | transient_failure | permanent_failure | interrupted
    outcome    TEXT    NOT NULL,
    detail     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX outbox_attempts_by_message ON outbox_attempts(outbox_id, id);
