-- Issue 12: an audit log admins can read and export. One row per thing done that
-- changes who can do what or what the public sees: sign-ins, roles, memberships,
-- publishing, moderation, retried emails. Rows are only ever added.
--
-- `actor_id` is who did it (none when the command line did); `person_id` is the person
-- it was done to, when there is one. `action` is a fixed word the app knows
-- (`domain::audit::AuditAction`); `detail` says the rest in plain words, written when it
-- happened (an organisation renamed later still shows the name it had).
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    action     TEXT    NOT NULL,
    person_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    detail     TEXT    NOT NULL DEFAULT ''
);
-- The admin page lists newest first, all or one kind of action, a page at a time.
CREATE INDEX audit_log_by_action ON audit_log(action, id);
