-- Issue 11: the round's answer list, searched and counted without reading the round.

-- Words to find in a comment or its suggested wording: the list searches with
-- `LOWER(body) LIKE '%words%'` (and the same on the suggestion), which pg_trgm's GIN
-- indexes answer from the words' trigrams instead of reading every comment of the
-- round; PostgreSQL still checks each row the index finds, so results are unchanged.
-- The indexes follow every insert, edit and delete of a comment by themselves; with
-- `fastupdate` off they do so at once, rather than gathering new comments in a pending
-- list that every search reads through until a vacuum merges it (after a bulk load,
-- thousands of comments). pg_trgm is a trusted extension (PostgreSQL 13 and later): the
-- database's owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX comments_body_trigrams ON comments USING gin (LOWER(body) gin_trgm_ops)
    WITH (fastupdate = off);
CREATE INDEX comments_suggestion_trigrams
    ON comments USING gin (LOWER(COALESCE(suggestion, '')) gin_trgm_ops)
    WITH (fastupdate = off);

-- The round's progress (live comments, answered, groups left) reads the round's live
-- comments with their ids from this index alone, to join them with the answers' own
-- index on comment_id, rather than every comment row of the round. (SQLite's
-- `comments_by_round_group` already holds the id.)
CREATE INDEX comments_live_by_round ON comments(round_id, withdrawn_at, id, alike_group_id);

-- The summaries of the groups on a page (members, unanswered, organisations) read each
-- group's live members from this index alone: a campaign group of hundreds is read
-- without its rows.
CREATE INDEX comments_live_by_group
    ON comments(alike_group_id, withdrawn_at, organisation_id, id);
