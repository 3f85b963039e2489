-- Issue 10: people write too. Proposals for new statements, credit for whose words are
-- in a published version, events recorded by facilitators (with comments from people who
-- have no account, and group views), and "this still matters to me" across rounds.

-- Facilitators record what people said at events: a role an admin gives.
ALTER TABLE users ADD COLUMN is_facilitator INTEGER NOT NULL DEFAULT 0
    CONSTRAINT users_is_facilitator_flag CHECK (is_facilitator IN (0, 1));

-- An event a facilitator held: a workshop, a phone session, paper forms sent back, a
-- BSL-interpreted meeting. What was said there enters `round_id` like any comment.
CREATE TABLE events (
    id               INTEGER PRIMARY KEY,
    framework_id     INTEGER NOT NULL REFERENCES frameworks(id),
    round_id         INTEGER NOT NULL REFERENCES rounds(id),
    facilitator_id   INTEGER NOT NULL REFERENCES users(id),
    -- The user-led organisation that held it, if any.
    organisation_id  INTEGER REFERENCES organisations(id),
    name             TEXT    NOT NULL,
    -- The day it was held, as Unix seconds at midnight UTC, like every other time here.
    held_on          INTEGER NOT NULL,
    place            TEXT    NOT NULL DEFAULT '',
    -- How many people took part (for "8 of the 12 people"), when the facilitator knows.
    people_count     INTEGER CONSTRAINT events_people_count_positive CHECK (people_count > 0),
    submission_key   TEXT    NOT NULL UNIQUE,
    created_at       INTEGER NOT NULL
);
CREATE INDEX events_by_facilitator ON events(facilitator_id, held_on);
CREATE INDEX events_by_round ON events(round_id);

-- How people took part in an event; one row per way. The list matches
-- `domain::events::Way::as_str`.
CREATE TABLE event_ways (
    event_id  INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    way       TEXT    NOT NULL
        CONSTRAINT event_ways_way_known CHECK (way IN ('in_person', 'phone', 'paper', 'bsl')),
    PRIMARY KEY (event_id, way)
);

-- Someone whose words a facilitator recorded. They need no account: how they want to
-- hear back is kept here (the list matches `domain::events::HearBack::as_str`), and the
-- address only when they chose that way.
CREATE TABLE event_participants (
    id              INTEGER PRIMARY KEY,
    event_id        INTEGER NOT NULL REFERENCES events(id),
    name            TEXT    NOT NULL DEFAULT '',
    hear_back       TEXT    NOT NULL
        CONSTRAINT event_participants_hear_back_known
        CHECK (hear_back IN ('email', 'post', 'facilitator', 'none')),
    email           TEXT,
    postal_address  TEXT,
    easy_read       INTEGER NOT NULL DEFAULT 0
        CONSTRAINT event_participants_easy_read_flag CHECK (easy_read IN (0, 1)),
    created_at      INTEGER NOT NULL
);
CREATE INDEX event_participants_by_event ON event_participants(event_id);

-- A comment is said by exactly one voice: a signed-in person (`author_id`), someone a
-- facilitator recorded (`participant_id`), or a group at an event ("8 of the 12 people
-- at the Dundee workshop said…": `group_agreed` of `group_present`). `recorded_by` is the
-- facilitator who typed it in. `earlier_comment_id` links a comment to the same person's
-- comment in an earlier round when they said "this still matters to me".
--
-- `author_id` becomes nullable, which SQLite can only do by rebuilding the table; see
-- 0006 for why the tables that reference it are rebuilt too and dropped children first.

CREATE TABLE comments_new (
    id                  INTEGER PRIMARY KEY,
    statement_id        INTEGER NOT NULL REFERENCES statements(id),
    revision_id         INTEGER NOT NULL REFERENCES statement_revisions(id),
    round_id            INTEGER NOT NULL REFERENCES rounds(id),
    author_id           INTEGER REFERENCES users(id),
    organisation_id     INTEGER REFERENCES organisations(id),
    body                TEXT    NOT NULL,
    passage_start       INTEGER,
    passage_end         INTEGER,
    quote               TEXT,
    suggestion          TEXT,
    knowledge           TEXT    NOT NULL
        CONSTRAINT comments_knowledge_known
        CHECK (knowledge IN ('lived_experience', 'practice', 'research', 'organisation')),
    visibility          TEXT    NOT NULL
        CONSTRAINT comments_visibility_known
        CHECK (visibility IN ('named', 'anonymous', 'policy_team')),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    withdrawn_at        INTEGER,
    submission_key      TEXT    NOT NULL UNIQUE,
    event_id            INTEGER REFERENCES events(id),
    participant_id      INTEGER REFERENCES event_participants(id),
    group_agreed        INTEGER,
    group_present       INTEGER,
    recorded_by         INTEGER REFERENCES users(id),
    earlier_comment_id  INTEGER REFERENCES comments_new(id),
    CONSTRAINT comments_one_voice CHECK (
        (author_id IS NOT NULL AND participant_id IS NULL AND group_present IS NULL)
        OR (author_id IS NULL AND participant_id IS NOT NULL AND group_present IS NULL
            AND event_id IS NOT NULL)
        OR (author_id IS NULL AND participant_id IS NULL AND group_present IS NOT NULL
            AND event_id IS NOT NULL AND group_agreed IS NOT NULL)),
    CONSTRAINT comments_group_counts CHECK (
        group_present IS NULL OR (group_agreed >= 1 AND group_agreed <= group_present))
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
CREATE INDEX comments_by_event ON comments(event_id);
CREATE INDEX comments_by_participant ON comments(participant_id);
CREATE INDEX comments_by_earlier ON comments(earlier_comment_id);
CREATE INDEX response_revisions_by_revision ON response_revisions(revision_id);

-- A proposal for a new I statement, in the proposer's own words, under a theme, made
-- while a round is open. Its decision is an answer like any other: publishing the
-- version that answers `round_id` is refused while it is still 'open'. The status list
-- matches `domain::proposals::Status::as_str`.
CREATE TABLE proposals (
    id               INTEGER PRIMARY KEY,
    framework_id     INTEGER NOT NULL REFERENCES frameworks(id),
    theme_id         INTEGER NOT NULL REFERENCES themes(id),
    round_id         INTEGER NOT NULL REFERENCES rounds(id),
    author_id        INTEGER NOT NULL REFERENCES users(id),
    organisation_id  INTEGER REFERENCES organisations(id),
    body             TEXT    NOT NULL,
    -- Why it matters to them, in their words (optional).
    why              TEXT    NOT NULL DEFAULT '',
    knowledge        TEXT    NOT NULL
        CONSTRAINT proposals_knowledge_known
        CHECK (knowledge IN ('lived_experience', 'practice', 'research', 'organisation')),
    visibility       TEXT    NOT NULL
        CONSTRAINT proposals_visibility_known
        CHECK (visibility IN ('named', 'anonymous', 'policy_team')),
    status           TEXT    NOT NULL DEFAULT 'open'
        CONSTRAINT proposals_status_known
        CHECK (status IN ('open', 'adopted', 'merged', 'declined')),
    -- Adopted: the statement it became. Merged: the statement it was merged into.
    statement_id     INTEGER REFERENCES statements(id),
    -- The draft that carries its words: the new statement's first draft when adopted,
    -- or the redraft that took its words in when merged. This is what traces words to
    -- the proposer, as `response_revisions` does for comments.
    revision_id      INTEGER REFERENCES statement_revisions(id),
    -- The decision, in plain words.
    reason           TEXT,
    decided_by       INTEGER REFERENCES users(id),
    decided_at       INTEGER,
    submission_key   TEXT    NOT NULL UNIQUE,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    withdrawn_at     INTEGER
);
CREATE INDEX proposals_by_round ON proposals(round_id, id);
CREATE INDEX proposals_by_theme ON proposals(theme_id, id);
CREATE INDEX proposals_by_author ON proposals(author_id);
CREATE INDEX proposals_by_statement ON proposals(statement_id);
CREATE INDEX proposals_by_revision ON proposals(revision_id);

-- "This is true for me too": one per person per proposal, counted.
CREATE TABLE proposal_backings (
    proposal_id  INTEGER NOT NULL REFERENCES proposals(id),
    user_id      INTEGER NOT NULL REFERENCES users(id),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX proposal_backings_by_user ON proposal_backings(user_id);

-- What others say about a proposal.
CREATE TABLE proposal_comments (
    id              INTEGER PRIMARY KEY,
    proposal_id     INTEGER NOT NULL REFERENCES proposals(id),
    author_id       INTEGER NOT NULL REFERENCES users(id),
    body            TEXT    NOT NULL,
    knowledge       TEXT    NOT NULL
        CONSTRAINT proposal_comments_knowledge_known
        CHECK (knowledge IN ('lived_experience', 'practice', 'research', 'organisation')),
    visibility      TEXT    NOT NULL
        CONSTRAINT proposal_comments_visibility_known
        CHECK (visibility IN ('named', 'anonymous', 'policy_team')),
    submission_key  TEXT    NOT NULL UNIQUE,
    created_at      INTEGER NOT NULL,
    withdrawn_at    INTEGER
);
CREATE INDEX proposal_comments_by_proposal ON proposal_comments(proposal_id, id);

-- Credit: whose comments or proposals brought in words still in each statement of a
-- published version, worked out from the word-level trace when the version is written
-- and kept with it, as its text is. Exactly one of `comment_id`, `proposal_id`.
CREATE TABLE publication_credits (
    id              INTEGER PRIMARY KEY,
    publication_id  INTEGER NOT NULL REFERENCES publications(id),
    statement_id    INTEGER NOT NULL REFERENCES statements(id),
    comment_id      INTEGER REFERENCES comments(id),
    proposal_id     INTEGER REFERENCES proposals(id),
    -- How many words of the published text they brought in.
    words           INTEGER NOT NULL CONSTRAINT publication_credits_words_positive CHECK (words > 0),
    CONSTRAINT publication_credits_one_source
        CHECK ((comment_id IS NULL) <> (proposal_id IS NULL))
);
CREATE INDEX publication_credits_by_statement ON publication_credits(publication_id, statement_id);
CREATE INDEX publication_credits_by_comment ON publication_credits(comment_id);
CREATE INDEX publication_credits_by_proposal ON publication_credits(proposal_id);
