-- Issue 11: the bursts page looks for people who wrote more than a burst's worth of
-- comments in a round. With each round's comments indexed by author (and the columns
-- the page reads), counting them per person and reading the busy people's times come
-- from this index alone, never from the comments' rows.
CREATE INDEX comments_by_round_author
    ON comments(round_id, author_id, withdrawn_at, created_at);
