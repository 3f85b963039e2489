-- Issue 11: the framework page says how the open round's comments split between kinds
-- of knowledge, and the balance and statement pages count them per statement. Those
-- counts come from this index (live comments of a round, by statement and kind of
-- knowledge), which replaces 0007's comments_by_round_statement: with withdrawn_at
-- second, the live comments are one range of it.
CREATE INDEX comments_by_round_knowledge
    ON comments(round_id, withdrawn_at, statement_id, knowledge);
DROP INDEX IF EXISTS comments_by_round_statement;

-- Every lookup by round alone is served by comments_by_round_group (0011), which
-- starts with round_id: this one only made each comment slower to write.
DROP INDEX IF EXISTS comments_by_round;
