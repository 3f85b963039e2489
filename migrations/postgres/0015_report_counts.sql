-- Issue 11: the report page of a version answering a national round counted its ten
-- thousand comments twice on every request (by outcome, and what its filters list). A
-- published version's comments, answers and groups no longer change, so publishing counts
-- them once into this table (grouping a published round's comments at start-up counts
-- them again), and the report reads a few hundred rows.
--
-- One row per statement, outcome (NULL: not answered), kind of knowledge, visibility and
-- whether the comment repeats its campaign: it is not the first public comment of its
-- group of alike comments and got the same outcome and reason as that first one, so the
-- report shows it only as "and N others said the same". Which comment is first depends
-- on the knowledge filter, so both answers are kept: among the whole group
-- (repeat_among_all, no filter), and among the group's comments of its own kind of
-- knowledge (repeat_among_knowledge, the filter set to its kind).
CREATE TABLE publication_comment_counts (
    publication_id          BIGINT  NOT NULL REFERENCES publications(id),
    statement_id            BIGINT  NOT NULL REFERENCES statements(id),
    outcome                 TEXT,
    knowledge               TEXT    NOT NULL,
    visibility              TEXT    NOT NULL,
    repeat_among_all        BIGINT  NOT NULL,
    repeat_among_knowledge  BIGINT  NOT NULL,
    comments                BIGINT  NOT NULL
);
CREATE INDEX publication_comment_counts_by_statement
    ON publication_comment_counts(publication_id, statement_id);

-- The same counts for versions published before this migration: every live comment of
-- every published round, flagged as the report's rules flag it (a group is within one
-- round, so its first comment is the same whether looked for in its version or here).
INSERT INTO publication_comment_counts
    (publication_id, statement_id, outcome, knowledge, visibility,
     repeat_among_all, repeat_among_knowledge, comments)
SELECT publication_id, statement_id, outcome, knowledge, visibility,
       repeat_among_all, repeat_among_knowledge, COUNT(*)
FROM (
    SELECT rd.publication_id, c.statement_id, r.outcome, c.knowledge, c.visibility,
           CASE WHEN fa.first_id <> c.id AND fra.outcome = r.outcome AND fra.reason = r.reason
                THEN 1 ELSE 0 END AS repeat_among_all,
           CASE WHEN fk.first_id <> c.id AND frk.outcome = r.outcome AND frk.reason = r.reason
                THEN 1 ELSE 0 END AS repeat_among_knowledge
    FROM comments c
    JOIN rounds rd ON rd.id = c.round_id
    LEFT JOIN responses r ON r.comment_id = c.id
    LEFT JOIN (SELECT g.alike_group_id, MIN(g.id) AS first_id FROM comments g
               WHERE g.alike_group_id IS NOT NULL AND g.withdrawn_at IS NULL
                 AND g.visibility <> 'policy_team'
               GROUP BY g.alike_group_id) fa ON fa.alike_group_id = c.alike_group_id
    LEFT JOIN responses fra ON fra.comment_id = fa.first_id
    LEFT JOIN (SELECT g.alike_group_id, g.knowledge, MIN(g.id) AS first_id FROM comments g
               WHERE g.alike_group_id IS NOT NULL AND g.withdrawn_at IS NULL
                 AND g.visibility <> 'policy_team'
               GROUP BY g.alike_group_id, g.knowledge) fk
           ON fk.alike_group_id = c.alike_group_id AND fk.knowledge = c.knowledge
    LEFT JOIN responses frk ON frk.comment_id = fk.first_id
    WHERE rd.publication_id IS NOT NULL AND c.withdrawn_at IS NULL
) counted
GROUP BY publication_id, statement_id, outcome, knowledge, visibility,
         repeat_among_all, repeat_among_knowledge;
