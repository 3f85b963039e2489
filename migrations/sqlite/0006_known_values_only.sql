-- The database refuses words the code does not write, so a typo in hand-written SQL or a
-- half-finished rename fails loudly at the write instead of turning up later as a message
-- nobody sends, a comment shown to the wrong people or an answer counted nowhere. The
-- lists match the `as_str` of `outbox::Status`, `outbox::AttemptOutcome`,
-- `domain::drafting::{Knowledge, Visibility}` and `domain::response::Outcome`; a new
-- variant needs a migration that widens its list.
--
-- SQLite cannot add a CHECK to an existing table, so each table is rebuilt: create the
-- new table, copy the rows (ids included), drop the old one, rename, recreate indexes
-- (https://www.sqlite.org/lang_altertable.html). sqlx runs this inside a transaction
-- on a connection with foreign_keys = ON, which cannot be switched off here, so the
-- order matters:
--  * Dropping a table with foreign keys on first deletes its rows, and that delete
--    fires ON DELETE CASCADE in tables that reference it: dropping `outbox` while
--    `outbox_attempts` points at it would empty the attempts, and dropping `responses`
--    would empty `response_revisions`. So every table that references a rebuilt table
--    is rebuilt too, its new copy pointing at the parent's new copy, and the old tables
--    are dropped children first, when nothing references them any more.
--  * Renaming a table rewrites the REFERENCES clauses that name it (SQLite 3.26+), so
--    once `comments_new` becomes `comments`, `responses_new` points at `comments`.
-- No table has triggers or views on it.

-- Comments, the answers to them, and the drafts the answers link to.

CREATE TABLE comments_new (
    id               INTEGER PRIMARY KEY,
    statement_id     INTEGER NOT NULL REFERENCES statements(id),
    revision_id      INTEGER NOT NULL REFERENCES statement_revisions(id),
    round_id         INTEGER NOT NULL REFERENCES rounds(id),
    author_id        INTEGER NOT NULL REFERENCES users(id),
    organisation_id  INTEGER REFERENCES organisations(id),
    body             TEXT    NOT NULL,
    passage_start    INTEGER,
    passage_end      INTEGER,
    quote            TEXT,
    suggestion       TEXT,
    knowledge        TEXT    NOT NULL
        CONSTRAINT comments_knowledge_known
        CHECK (knowledge IN ('lived_experience', 'practice', 'research', 'organisation')),
    visibility       TEXT    NOT NULL
        CONSTRAINT comments_visibility_known
        CHECK (visibility IN ('named', 'anonymous', 'policy_team')),
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    withdrawn_at     INTEGER,
    submission_key   TEXT    NOT NULL UNIQUE
);
INSERT INTO comments_new (id, statement_id, revision_id, round_id, author_id,
        organisation_id, body, passage_start, passage_end, quote, suggestion, knowledge,
        visibility, created_at, updated_at, withdrawn_at, submission_key)
    SELECT id, statement_id, revision_id, round_id, author_id,
        organisation_id, body, passage_start, passage_end, quote, suggestion, knowledge,
        visibility, created_at, updated_at, withdrawn_at, submission_key
    FROM comments;

CREATE TABLE responses_new (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL UNIQUE REFERENCES comments_new(id),
    editor_id   INTEGER REFERENCES users(id),
    outcome     TEXT    NOT NULL
        CONSTRAINT responses_outcome_known
        CHECK (outcome IN ('incorporated', 'partly', 'not_incorporated', 'noted')),
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
INSERT INTO responses_new (id, comment_id, editor_id, outcome, reason, created_at, updated_at)
    SELECT id, comment_id, editor_id, outcome, reason, created_at, updated_at
    FROM responses;

CREATE TABLE response_revisions_new (
    response_id  INTEGER NOT NULL REFERENCES responses_new(id) ON DELETE CASCADE,
    revision_id  INTEGER NOT NULL REFERENCES statement_revisions(id),
    PRIMARY KEY (response_id, revision_id)
);
INSERT INTO response_revisions_new (response_id, revision_id)
    SELECT response_id, revision_id FROM response_revisions;

DROP TABLE response_revisions;
DROP TABLE responses;
DROP TABLE comments;
ALTER TABLE comments_new RENAME TO comments;
ALTER TABLE responses_new RENAME TO responses;
ALTER TABLE response_revisions_new RENAME TO response_revisions;

CREATE INDEX comments_by_statement ON comments(statement_id, id);
CREATE INDEX comments_by_author ON comments(author_id);
CREATE INDEX comments_by_round ON comments(round_id);
CREATE INDEX response_revisions_by_revision ON response_revisions(revision_id);

-- The email outbox and its attempts.

CREATE TABLE outbox_new (
    id               INTEGER PRIMARY KEY,
    -- Enqueueing twice with the same key (e.g. "publication:7:user:42") queues one email.
    dedupe_key       TEXT    NOT NULL UNIQUE,
    recipient        TEXT    NOT NULL,
    subject          TEXT    NOT NULL,
    text_body        TEXT    NOT NULL,
    html_body        TEXT,
    -- What the email belongs to (e.g. "publication:7"), for progress per publication.
    batch            TEXT,
    status           TEXT    NOT NULL DEFAULT 'queued'
        CONSTRAINT outbox_status_known
        CHECK (status IN ('queued', 'sending', 'sent', 'retrying', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    -- While 'sending': the lease. A worker that dies mid-send leaves it to expire, and
    -- the message is claimed again.
    claimed_until    INTEGER,
    last_error       TEXT,
    created_at       INTEGER NOT NULL,
    sent_at          INTEGER
);
INSERT INTO outbox_new (id, dedupe_key, recipient, subject, text_body, html_body, batch,
        status, attempts, next_attempt_at, claimed_until, last_error, created_at, sent_at)
    SELECT id, dedupe_key, recipient, subject, text_body, html_body, batch,
        status, attempts, next_attempt_at, claimed_until, last_error, created_at, sent_at
    FROM outbox;

CREATE TABLE outbox_attempts_new (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL REFERENCES outbox_new(id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    outcome    TEXT    NOT NULL
        CONSTRAINT outbox_attempts_outcome_known
        CHECK (outcome IN ('sent', 'transient_failure', 'permanent_failure', 'interrupted')),
    detail     TEXT    NOT NULL DEFAULT ''
);
INSERT INTO outbox_attempts_new (id, outbox_id, at, outcome, detail)
    SELECT id, outbox_id, at, outcome, detail FROM outbox_attempts;

DROP TABLE outbox_attempts;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
ALTER TABLE outbox_attempts_new RENAME TO outbox_attempts;

-- The worker's claim: due queued/retrying rows, and 'sending' rows whose lease expired.
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX outbox_leases ON outbox(status, claimed_until);
CREATE INDEX outbox_by_batch ON outbox(batch, status);
CREATE INDEX outbox_attempts_by_message ON outbox_attempts(outbox_id, id);
