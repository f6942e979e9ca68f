-- One history read (GET /api/v1/me/responses, first page, default limit 50 -> LIMIT 51) of a random loaded patient,
-- as the service issues it: patient lookup, the keyset history query (all columns of every row sent to the client),
-- the supersession lookup of the page, the audit event, in one transaction (run with -M prepared).
-- Deviation: the service sends the page's ids as an IN list of up to 50 parameters; pgbench cannot carry a result
-- set into the next statement, so here the ids come from a subquery repeating the (index-only) keyset scan.
\set h 1000000000 + random(1, :hist)
BEGIN;
select p1_0.id,p1_0.created_at,p1_0.created_by,p1_0.identity_subject from patient p1_0 where p1_0.identity_subject=:h fetch first 1 rows only
\gset p_
SELECT r.* FROM response r WHERE r.patient_id = :p_id AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = r.id) ORDER BY r.completed_at DESC, r.id DESC LIMIT 51;
select rr1_0.supersedes_id,rr1_0.id from response rr1_0 where rr1_0.supersedes_id in (SELECT r.id FROM response r WHERE r.patient_id = :p_id ORDER BY r.completed_at DESC, r.id DESC LIMIT 51);
insert into audit_event (action,actor_role,actor_subject,detail,occurred_at,outcome,patient_id,request_id,resource_id,resource_type,study_id) values ('read','patient',:h,'{"items": 40}',now(),'allowed',:p_id,gen_random_uuid()::text,NULL,'response',NULL)
RETURNING *;
COMMIT;
