-- Answers to comments, published versions, and what people want from email.

-- One answer per comment: what became of it and why, in plain words.
CREATE TABLE responses (
    id          INTEGER PRIMARY KEY,
    comment_id  INTEGER NOT NULL UNIQUE REFERENCES comments(id),
    editor_id   INTEGER REFERENCES users(id),
    outcome     TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);

-- The drafts in which a comment was acted on: this is what traces words to people.
CREATE TABLE response_revisions (
    response_id  INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
    revision_id  INTEGER NOT NULL REFERENCES statement_revisions(id),
    PRIMARY KEY (response_id, revision_id)
);
CREATE INDEX response_revisions_by_revision ON response_revisions(revision_id);

-- A published version is immutable: its statements' text is copied at publication.
CREATE TABLE publications (
    id            INTEGER PRIMARY KEY,
    framework_id  INTEGER NOT NULL REFERENCES frameworks(id),
    version       INTEGER NOT NULL,
    summary       TEXT    NOT NULL,
    round_id      INTEGER REFERENCES rounds(id),
    published_by  INTEGER REFERENCES users(id),
    published_at  INTEGER NOT NULL,
    UNIQUE (framework_id, version)
);
CREATE UNIQUE INDEX publications_by_round ON publications(round_id);

CREATE TABLE publication_statements (
    publication_id  INTEGER NOT NULL REFERENCES publications(id),
    statement_id    INTEGER NOT NULL REFERENCES statements(id),
    theme_code      TEXT    NOT NULL,
    theme_title     TEXT    NOT NULL,
    theme_position  INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    reference       TEXT    NOT NULL,
    revision_id     INTEGER NOT NULL REFERENCES statement_revisions(id),
    body            TEXT    NOT NULL,
    PRIMARY KEY (publication_id, statement_id)
);

ALTER TABLE users ADD COLUMN easy_read INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN email_opt_out INTEGER NOT NULL DEFAULT 0;
