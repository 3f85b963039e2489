-- Issue 12: safe to run in public.
-- Rate-limit hits of addresses that never come back are purged by age.
CREATE INDEX rate_limit_hits_by_time ON rate_limit_hits(hit_at);
