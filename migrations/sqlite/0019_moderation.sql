-- Issue 12: moderation and redaction with reasons.
-- Moderators handle reported comments; editors may too.
ALTER TABLE users ADD COLUMN is_moderator INTEGER NOT NULL DEFAULT 0
    CONSTRAINT users_is_moderator_flag CHECK (is_moderator IN (0, 1));

-- What the public sees of a moderated comment, worked out once when it is moderated so
-- that reading pages need no per-row work: `moderation` NULL means shown as written;
-- otherwise `shown_body` and `shown_suggestion` stand in for `body` and `suggestion`
-- everywhere but to the policy team and the author, who still read the original.
ALTER TABLE comments ADD COLUMN moderation TEXT
    CONSTRAINT comments_moderation_known CHECK (moderation IN ('hidden', 'redacted'));
ALTER TABLE comments ADD COLUMN moderation_reason TEXT
    CONSTRAINT comments_moderation_reason_known
    CHECK (moderation_reason IN ('personal_information', 'abusive', 'spam'));
ALTER TABLE comments ADD COLUMN shown_body TEXT;
ALTER TABLE comments ADD COLUMN shown_suggestion TEXT;
ALTER TABLE comments ADD COLUMN moderated_at INTEGER;

-- Anyone signed in reports a comment; a moderator handles every open report on it at once.
CREATE TABLE comment_reports (
    id           INTEGER PRIMARY KEY,
    comment_id   INTEGER NOT NULL REFERENCES comments(id),
    reporter_id  INTEGER NOT NULL REFERENCES users(id),
    kind         TEXT    NOT NULL
        CONSTRAINT comment_reports_kind_known
        CHECK (kind IN ('personal_information', 'abusive', 'spam', 'other')),
    note         TEXT    NOT NULL DEFAULT '',
    -- The form's key: the same report sent twice is one report.
    submission_key TEXT  NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    handled_at   INTEGER,
    handled_by   INTEGER REFERENCES users(id)
);
-- The queue pages through open reports first, newest first within each.
CREATE INDEX comment_reports_queue ON comment_reports(handled_at, id);
CREATE INDEX comment_reports_by_comment ON comment_reports(comment_id, handled_at);

-- Who did what to a comment, when and why: the record the policy team reads, kept with
-- the words that were taken out.
CREATE TABLE moderation_actions (
    id             INTEGER PRIMARY KEY,
    comment_id     INTEGER NOT NULL REFERENCES comments(id),
    moderator_id   INTEGER NOT NULL REFERENCES users(id),
    action         TEXT    NOT NULL
        CONSTRAINT moderation_actions_action_known
        CHECK (action IN ('hidden', 'redacted', 'dismissed')),
    reason         TEXT
        CONSTRAINT moderation_actions_reason_known
        CHECK (reason IN ('personal_information', 'abusive', 'spam')),
    note           TEXT    NOT NULL DEFAULT '',
    removed_words  TEXT,
    -- The form's key: a redaction sent twice takes out the words once.
    submission_key TEXT    NOT NULL UNIQUE,
    created_at     INTEGER NOT NULL
);
CREATE INDEX moderation_actions_by_comment ON moderation_actions(comment_id, id);

-- The author is told by email, written when it is sent (like a version's emails) from
-- the action it is about.
ALTER TABLE outbox ADD COLUMN moderation_action_id INTEGER REFERENCES moderation_actions(id);
