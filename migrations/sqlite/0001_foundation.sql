-- People, sign-in, sessions and the read side of frameworks.
-- Times are Unix seconds (INTEGER) so SQLite and PostgreSQL store them the same way.
-- Flags are 0/1 integers for the same reason.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT    NOT NULL UNIQUE,
    display_name  TEXT    NOT NULL DEFAULT '',
    is_editor     INTEGER NOT NULL DEFAULT 0,
    is_admin      INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE memberships (
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    organisation_id  INTEGER NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (user_id, organisation_id)
);
CREATE INDEX memberships_by_organisation ON memberships(organisation_id);

-- Only the SHA-256 of a sign-in token is stored; the token itself exists only in the email.
CREATE TABLE sign_in_tokens (
    token_hash  TEXT    PRIMARY KEY,
    email       TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER
);
CREATE INDEX sign_in_tokens_by_expiry ON sign_in_tokens(expires_at);

CREATE TABLE sessions (
    id_hash     TEXT    PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions(user_id);
CREATE INDEX sessions_by_expiry ON sessions(expires_at);

-- Rate-limit counters live in the database so every app server behind a load balancer
-- sees the same counts.
CREATE TABLE rate_limit_hits (
    id      INTEGER PRIMARY KEY,
    bucket  TEXT    NOT NULL,
    hit_at  INTEGER NOT NULL
);
CREATE INDEX rate_limit_hits_by_bucket ON rate_limit_hits(bucket, hit_at);

CREATE TABLE frameworks (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    title       TEXT    NOT NULL,
    summary     TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL
);

CREATE TABLE themes (
    id            INTEGER PRIMARY KEY,
    framework_id  INTEGER NOT NULL REFERENCES frameworks(id),
    code          TEXT    NOT NULL,
    title         TEXT    NOT NULL,
    description   TEXT    NOT NULL DEFAULT '',
    position      INTEGER NOT NULL,
    UNIQUE (framework_id, code)
);

CREATE TABLE statements (
    id            INTEGER PRIMARY KEY,
    framework_id  INTEGER NOT NULL REFERENCES frameworks(id),
    theme_id      INTEGER NOT NULL REFERENCES themes(id),
    reference     TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    retired_at    INTEGER,
    created_at    INTEGER NOT NULL,
    UNIQUE (framework_id, reference)
);
CREATE INDEX statements_by_theme ON statements(theme_id, position);

-- Statement text is never edited in place: every change is a new revision.
CREATE TABLE statement_revisions (
    id            INTEGER PRIMARY KEY,
    statement_id  INTEGER NOT NULL REFERENCES statements(id),
    body          TEXT    NOT NULL,
    author_id     INTEGER REFERENCES users(id),
    note          TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL
);
CREATE INDEX statement_revisions_by_statement ON statement_revisions(statement_id, id);
