-- Issue 12: safe to run in public.
-- Rate-limit hits of addresses that never come back are purged by age.
CREATE INDEX rate_limit_hits_by_time ON rate_limit_hits(hit_at);

-- Sessions end after a while without use (sooner for editors and admins): when each was
-- last used, to the nearest few minutes. Sessions from before count from their start.
ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen_at = created_at;
