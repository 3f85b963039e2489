-- Issue 11, part 2: group, then answer once. Comments that say the same thing (campaign
-- copies, or the same change asked for on the same words) are grouped within one round,
-- one statement and one text, so an editor answers the group once and every member still
-- gets their own answer. The code calls a group an "alike group" (the word "group" is
-- taken by events' group views); people see "group". Added columns only: no table is
-- rebuilt.

-- A group of alike comments in one round, on one statement.
CREATE TABLE alike_groups (
    id            INTEGER PRIMARY KEY,
    round_id      INTEGER NOT NULL REFERENCES rounds(id),
    statement_id  INTEGER NOT NULL REFERENCES statements(id),
    created_at    INTEGER NOT NULL
);
CREATE INDEX alike_groups_by_round ON alike_groups(round_id, statement_id);

-- The group a comment is in (NULL: on its own).
ALTER TABLE comments ADD COLUMN alike_group_id INTEGER REFERENCES alike_groups(id);
-- 1 once grouping has looked at the comment (0: saved before this migration, or by the
-- bulk seeder; `group_round` picks those up).
ALTER TABLE comments ADD COLUMN alike_considered INTEGER NOT NULL DEFAULT 0;
-- 1 when an editor split it out of its group: it is never grouped again.
ALTER TABLE comments ADD COLUMN alike_split INTEGER NOT NULL DEFAULT 0;
-- An editor's personal line to this one person, beside their group's answer.
ALTER TABLE comments ADD COLUMN personal_line TEXT;
CREATE INDEX comments_by_alike_group ON comments(alike_group_id, id);
CREATE INDEX comments_alike_unconsidered ON comments(round_id, alike_considered);

-- The keys a comment is found by (its exact normalised text, its requested change, and
-- its MinHash band keys): a new comment looks up only the comments sharing a key, never
-- every comment on the statement. Text kind is folded into the key.
CREATE TABLE comment_alike_keys (
    comment_id    INTEGER NOT NULL REFERENCES comments(id),
    round_id      INTEGER NOT NULL REFERENCES rounds(id),
    statement_id  INTEGER NOT NULL REFERENCES statements(id),
    alike_key     INTEGER NOT NULL,
    PRIMARY KEY (comment_id, alike_key)
);
CREATE INDEX comment_alike_keys_lookup ON comment_alike_keys(round_id, statement_id, alike_key);
