-- A retention backlog (bench/backlog.sh): :backlog finished response.stored notices older than the retention period
-- (100 to 400 days), as a large table holds them the first hour after an upgrade that brings retention, or after an
-- outage. Ids only in the payload. psql variables: backlog, study (quoted uuid). search_path = the service's schema.
\set ON_ERROR_STOP 1
SET synchronous_commit = off;  -- loading only
INSERT INTO outbox_event (id, study_id, event_type, dedup_key, payload, created_at, available_at, state, dispatched_at)
SELECT md5('bench-backlog:' || g)::uuid, :study, 'response.stored', 'bench-backlog:' || g,
       jsonb_build_object('responseId', md5('bench-backlog-response:' || g)::uuid),
       t.at, t.at, 'dispatched', t.at + interval '2 seconds'
FROM generate_series(1, :backlog) g
CROSS JOIN LATERAL (SELECT now() - interval '100 days' - (g % 300) * interval '1 day' - (g % 86400) * interval '1 second'
                    AS at) t;
