-- A version answers every round held since the version before it, not only the last:
-- two rounds before a first publication both get their report and their emails.
ALTER TABLE rounds ADD COLUMN publication_id BIGINT REFERENCES publications(id);
UPDATE rounds SET publication_id = (SELECT p.id FROM publications p WHERE p.round_id = rounds.id);
CREATE INDEX rounds_by_publication ON rounds(publication_id);
