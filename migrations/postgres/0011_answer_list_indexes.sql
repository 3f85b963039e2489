-- Issue 11: the round's answer list reads a page, not the round. Indexes only.

-- Counting a round's entries and its progress (live comments, groups left) reads this
-- index alone, not every row of the round.
CREATE INDEX comments_by_round_group ON comments(round_id, withdrawn_at, alike_group_id);

-- A page of the list walks each statement's comments of the round by age, and stops at
-- the page.
CREATE INDEX comments_by_round_statement_age ON comments(round_id, statement_id, id);

-- The organisation filter's choices: each organisation is looked up once, rather than
-- the round's comments read for the few organisations behind them.
CREATE INDEX comments_by_organisation ON comments(organisation_id, round_id);

-- "Still matters" comments are few in a round of thousands: counted from their own
-- small index.
CREATE INDEX comments_still_matters ON comments(round_id, withdrawn_at)
    WHERE earlier_comment_id IS NOT NULL;
