-- Issue 9: two ways into every statement (easy read twins), values beside themes, and a
-- framework's target for lived experience in the knowledge balance.

-- Easy read twins. An easy read draft is a statement revision of its own kind, so it is
-- drafted, diffed, traced and commented on through the same tables as the main text:
-- a comment on `revision_id` of an easy read draft is a comment on the easy read text.
-- The list matches `domain::easy_read::TextKind::as_str`.
ALTER TABLE statement_revisions ADD COLUMN text_kind TEXT NOT NULL DEFAULT 'standard'
    CONSTRAINT statement_revisions_text_kind_known CHECK (text_kind IN ('standard', 'easy_read'));

-- Pictures for easy read drafts: PNG or JPEG only, checked and size-limited before they
-- are stored, served back with their own content type and nothing else.
CREATE TABLE pictures (
    id            INTEGER PRIMARY KEY,
    content_type  TEXT    NOT NULL
        CONSTRAINT pictures_content_type_known CHECK (content_type IN ('image/png', 'image/jpeg')),
    bytes         BLOB    NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    sha256        TEXT    NOT NULL,
    uploaded_by   INTEGER REFERENCES users(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX pictures_by_hash ON pictures(sha256);

-- On a standard draft: the easy read draft that goes with it. NULL means the main text
-- changed and nobody has yet updated the easy read text or confirmed it still fits.
ALTER TABLE statement_revisions ADD COLUMN easy_read_revision_id INTEGER REFERENCES statement_revisions(id);
-- On an easy read draft: its picture and the picture's alt text.
ALTER TABLE statement_revisions ADD COLUMN picture_id INTEGER REFERENCES pictures(id);
ALTER TABLE statement_revisions ADD COLUMN picture_alt TEXT NOT NULL DEFAULT '';
CREATE INDEX statement_revisions_by_kind ON statement_revisions(statement_id, text_kind, id);

-- The statement's newest easy read draft (NULL: it has none yet). `latest_revision_id`
-- stays the newest standard draft. The twin is in step when the newest standard draft's
-- `easy_read_revision_id` is this one.
ALTER TABLE statements ADD COLUMN latest_easy_read_id INTEGER REFERENCES statement_revisions(id);

-- Publishing refuses while any twin is missing or out of step when this is 1 (it always
-- warns).
ALTER TABLE frameworks ADD COLUMN requires_easy_read INTEGER NOT NULL DEFAULT 0
    CONSTRAINT frameworks_requires_easy_read_flag CHECK (requires_easy_read IN (0, 1));

-- What a version published of the easy read text, beside the main text.
ALTER TABLE publication_statements ADD COLUMN easy_read_revision_id INTEGER REFERENCES statement_revisions(id);
ALTER TABLE publication_statements ADD COLUMN easy_read_body TEXT;
ALTER TABLE publication_statements ADD COLUMN easy_read_picture_id INTEGER REFERENCES pictures(id);
ALTER TABLE publication_statements ADD COLUMN easy_read_picture_alt TEXT NOT NULL DEFAULT '';

-- Values: a second axis beside themes. A statement carries one or more.
CREATE TABLE framework_values (
    id            INTEGER PRIMARY KEY,
    framework_id  INTEGER NOT NULL REFERENCES frameworks(id),
    code          TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    position      INTEGER NOT NULL,
    UNIQUE (framework_id, code)
);

CREATE TABLE statement_values (
    statement_id  INTEGER NOT NULL REFERENCES statements(id),
    value_id      INTEGER NOT NULL REFERENCES framework_values(id) ON DELETE CASCADE,
    PRIMARY KEY (statement_id, value_id)
);
CREATE INDEX statement_values_by_value ON statement_values(value_id, statement_id);

-- The values each statement carried when a version was published, kept with the version
-- as its text is, so a later change to the values does not rewrite a published version.
CREATE TABLE publication_statement_values (
    publication_id  INTEGER NOT NULL REFERENCES publications(id),
    statement_id    INTEGER NOT NULL REFERENCES statements(id),
    value_code      TEXT    NOT NULL,
    value_title     TEXT    NOT NULL,
    value_position  INTEGER NOT NULL,
    PRIMARY KEY (publication_id, statement_id, value_code)
);

-- The knowledge balance: the share of comments drawing on lived experience below which a
-- round, theme or statement is shown as under-heard, in percent (default one half).
ALTER TABLE frameworks ADD COLUMN lived_experience_target INTEGER NOT NULL DEFAULT 50
    CONSTRAINT frameworks_lived_experience_target_range CHECK (lived_experience_target BETWEEN 0 AND 100);
-- Counting a round's comments by statement and kind of knowledge without reading them.
CREATE INDEX comments_by_round_statement ON comments(round_id, statement_id, knowledge);
