-- The database refuses words the code does not write, so a typo in hand-written SQL or a
-- half-finished rename fails loudly at the write instead of turning up later as a message
-- nobody sends, a comment shown to the wrong people or an answer counted nowhere. The
-- lists match the `as_str` of `outbox::Status`, `outbox::AttemptOutcome`,
-- `domain::drafting::{Knowledge, Visibility}` and `domain::response::Outcome`; a new
-- variant needs a migration that widens its list.

ALTER TABLE outbox ADD CONSTRAINT outbox_status_known
    CHECK (status IN ('queued', 'sending', 'sent', 'retrying', 'failed'));

ALTER TABLE outbox_attempts ADD CONSTRAINT outbox_attempts_outcome_known
    CHECK (outcome IN ('sent', 'transient_failure', 'permanent_failure', 'interrupted'));

ALTER TABLE comments ADD CONSTRAINT comments_knowledge_known
    CHECK (knowledge IN ('lived_experience', 'practice', 'research', 'organisation'));

ALTER TABLE comments ADD CONSTRAINT comments_visibility_known
    CHECK (visibility IN ('named', 'anonymous', 'policy_team'));

ALTER TABLE responses ADD CONSTRAINT responses_outcome_known
    CHECK (outcome IN ('incorporated', 'partly', 'not_incorporated', 'noted'));
