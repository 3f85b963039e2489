-- Issue 11: the framework page says how the open round's comments split between kinds
-- of knowledge, and the balance and statement pages count them per statement. Those
-- counts come from this index alone (live comments of a round, by statement and kind
-- of knowledge), never from the comments' rows: at 10,000 comments reading the rows
-- made the framework page grow with the round. (The index 0007 made for them went
-- when 0008 rebuilt the comments table.)
CREATE INDEX comments_by_round_knowledge
    ON comments(round_id, withdrawn_at, statement_id, knowledge);

-- Every lookup by round alone is served by comments_by_round_group (0011), which
-- starts with round_id: this one only made each comment slower to write.
DROP INDEX IF EXISTS comments_by_round;
