-- Issue 11: the round's answer list, searched and counted without reading the round.

-- Words to find in a comment or its suggested wording are looked up in this index of
-- every three characters (trigrams, any case) rather than by reading every comment of
-- the round. It keeps no copy of the text (external content: it reads `comments`), and
-- the triggers below keep it in step when a comment is written, edited or removed. The
-- list still checks each comment the index hands over with the same LIKE as before, so
-- what a search finds is exactly what it found without the index.
--
-- A later migration that rebuilds `comments` (create, copy, drop, rename) drops these
-- triggers with the old table: it must create them again and rebuild this index.
CREATE VIRTUAL TABLE comments_search USING fts5(
    body, suggestion,
    content = 'comments', content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO comments_search (comments_search) VALUES ('rebuild');

CREATE TRIGGER comments_search_insert AFTER INSERT ON comments BEGIN
    INSERT INTO comments_search (rowid, body, suggestion)
        VALUES (new.id, new.body, new.suggestion);
END;

CREATE TRIGGER comments_search_delete AFTER DELETE ON comments BEGIN
    INSERT INTO comments_search (comments_search, rowid, body, suggestion)
        VALUES ('delete', old.id, old.body, old.suggestion);
END;

CREATE TRIGGER comments_search_update AFTER UPDATE OF body, suggestion ON comments BEGIN
    INSERT INTO comments_search (comments_search, rowid, body, suggestion)
        VALUES ('delete', old.id, old.body, old.suggestion);
    INSERT INTO comments_search (rowid, body, suggestion)
        VALUES (new.id, new.body, new.suggestion);
END;

-- The round's progress (live comments, answered, groups left) reads the round's live
-- comments from `comments_by_round_group` (0011), which in SQLite already holds each
-- comment's id, and looks each one up in the answers' own index on comment_id: no
-- index is needed here for it (PostgreSQL's 0014 adds one).

-- The summaries of the groups on a page (members, unanswered, organisations) read each
-- group's live members from this index alone: a campaign group of hundreds is read
-- without its rows. (SQLite keeps each entry's id in the index as well.)
CREATE INDEX comments_live_by_group ON comments(alike_group_id, withdrawn_at, organisation_id);
