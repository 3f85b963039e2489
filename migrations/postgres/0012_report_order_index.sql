-- Issue 11: the report page lists a version's public comments in its statements' order
-- (theme, then statement, then oldest first), fifty at a time. With the statements
-- indexed in that order, the database walks them in order and each one's comments by
-- `comments_by_statement`, and stops after the page, instead of sorting every public
-- comment of the version on every request.
CREATE INDEX publication_statements_in_order
    ON publication_statements(publication_id, theme_position, position, statement_id);
