-- Drafting, consultation rounds and comments.

-- References (HL-3) are numbered per theme and never reused, even after a statement
-- moves to another theme or is retired.
ALTER TABLE themes ADD COLUMN next_number INTEGER NOT NULL DEFAULT 1;
UPDATE themes SET next_number = 1 + (SELECT COUNT(*) FROM statements s WHERE s.theme_id = themes.id);

-- The revision a statement currently shows. Saving a redraft moves it on only if it still
-- points at the revision the editor started from, so no one overwrites another's change.
ALTER TABLE statements ADD COLUMN latest_revision_id INTEGER;
UPDATE statements SET latest_revision_id =
    (SELECT MAX(r.id) FROM statement_revisions r WHERE r.statement_id = statements.id);

-- A resubmitted form (double click, back and submit again) carries the same key and
-- so cannot make a second revision or comment.
ALTER TABLE statement_revisions ADD COLUMN submission_key TEXT;
CREATE UNIQUE INDEX statement_revisions_by_submission ON statement_revisions(submission_key);

CREATE TABLE rounds (
    id            INTEGER PRIMARY KEY,
    framework_id  INTEGER NOT NULL REFERENCES frameworks(id),
    title         TEXT    NOT NULL,
    introduction  TEXT    NOT NULL DEFAULT '',
    opens_at      INTEGER NOT NULL,
    closes_at     INTEGER NOT NULL,
    created_by    INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX rounds_by_framework ON rounds(framework_id, opens_at);

CREATE TABLE comments (
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
    knowledge        TEXT    NOT NULL,
    visibility       TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    withdrawn_at     INTEGER,
    submission_key   TEXT    NOT NULL UNIQUE
);
CREATE INDEX comments_by_statement ON comments(statement_id, id);
CREATE INDEX comments_by_author ON comments(author_id);
CREATE INDEX comments_by_round ON comments(round_id);

-- Words the plain-language checker flags, with plainer alternatives. Editors add to it.
CREATE TABLE jargon (
    id          INTEGER PRIMARY KEY,
    term        TEXT    NOT NULL UNIQUE,
    plainer     TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  INTEGER NOT NULL
);
