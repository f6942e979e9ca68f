-- One history read (GET /api/v1/me/responses, first page, default limit 50 -> LIMIT 51) of a random loaded patient,
-- exactly as the service issues it (bench/capture-sql.sh prints the service's statements): patient lookup, the keyset
-- history query (page keys from the history index, then all columns of the page's rows, sent to the client), the
-- audit event, in one transaction (run with -M prepared).
\set h 1000000000 + random(1, :hist)
BEGIN;
select p1_0.id,p1_0.created_at,p1_0.created_by,p1_0.identity_subject from patient p1_0 where p1_0.identity_subject=:h fetch first 1 rows only
\gset p_
SELECT r.* FROM (SELECT k.id, k.completed_at FROM response k WHERE k.patient_id = :p_id AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = k.id) ORDER BY k.completed_at DESC, k.id DESC LIMIT 51) page JOIN response r ON r.id = page.id ORDER BY page.completed_at DESC, page.id DESC;
insert into audit_event (action,actor_role,actor_subject,detail,occurred_at,outcome,patient_id,request_id,resource_id,resource_type,study_id) values ('read','patient',:h,'{"items": 40}',now(),'allowed',:p_id,gen_random_uuid()::text,NULL,'response',NULL);
COMMIT;
