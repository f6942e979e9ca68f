-- One patient submission (POST /api/v1/me/responses, PHQ-9/GAD-7/PCL-5/BPI-SF task of a fresh patient) exactly as
-- the service issues it (bench/capture-sql.sh prints them, from log_statement=all): the same statements, in the same
-- order, as prepared statements (run with -M prepared), in one transaction. Each client walks its own patients
-- (2000000000 + :base + client_id * :per_client + ...) through their 16 tasks, so no submission conflicts with
-- another; the warm-up run and the measured run get separate ranges (:base).
-- The first SELECT is not the service's: it stands in for what the service computes in Java (UUIDs, request hash,
-- scored answers); it touches no table. Not included: the JDBC driver's one-off type lookups.
\set cnt :cnt + 1
\set task (:cnt - 1) % 16
\set sub 2000000000 + :base + :client_id * :per_client + (:cnt - 1) / 16
SELECT gen_random_uuid() AS rid, gen_random_uuid() AS oid, gen_random_uuid() AS reqid,
       'T' || (:task / 4) AS tp, (ARRAY['phq9', 'gad7', 'pcl5', 'bpi-sf'])[:task % 4 + 1] AS ins,
       md5(random()::text) || md5(random()::text) AS hash, clock_timestamp() - interval '2 days' AS completed
\gset
BEGIN;
select p1_0.id,p1_0.created_at,p1_0.created_by,p1_0.identity_subject from patient p1_0 where p1_0.identity_subject=:sub fetch first 1 rows only
\gset p_
select e1_0.id,e1_0.arm_code,e1_0.enrolled_at,e1_0.enrolled_by,e1_0.enrollment_date,e1_0.patient_id,e1_0.protocol_version,e1_0.study_id,e1_0.subject_code from enrollment e1_0 where e1_0.patient_id=:p_id order by e1_0.enrolled_at,e1_0.id
\gset e_
INSERT INTO response_idempotency
    (patient_id, caller_subject, idempotency_key, request_hash, response_id, created_at)
VALUES (:p_id, :sub, :rid, :hash, :rid, now())
ON CONFLICT (patient_id, caller_subject, idempotency_key) DO NOTHING;
select ptz1_0.id,ptz1_0.patient_id,ptz1_0.recorded_at,ptz1_0.recorded_by,ptz1_0.valid_from,ptz1_0.zone_id from patient_time_zone ptz1_0 where ptz1_0.patient_id=:p_id order by ptz1_0.valid_from;
select pv1_0.id,pv1_0.study_id,pv1_0.version from protocol_version pv1_0 where pv1_0.study_id=:e_study_id order by pv1_0.version;
select eo1_0.id,eo1_0.anchor,eo1_0.enrollment_id,eo1_0.local_date,eo1_0.patient_id,eo1_0.recorded_at,eo1_0.recorded_by,eo1_0.revision from event_occurrence eo1_0 where eo1_0.enrollment_id=:e_id order by eo1_0.local_date,eo1_0.anchor;
select te1_0.id,te1_0.enrollment_id,te1_0.excused_at,te1_0.excused_by,te1_0.instrument_id,te1_0.patient_id,te1_0.reason,te1_0.timepoint_key from task_excusal te1_0 where te1_0.enrollment_id=:e_id;
SELECT r.enrollment_id, r.timepoint_key, r.instrument_id, r.completed_at FROM response r WHERE r.enrollment_id IN (:e_id) AND r.timepoint_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM response s WHERE s.supersedes_id = r.id);
insert into response (amendment_reason,answers,band,completed_at,enrollment_id,flags,instrument_id,instrument_version,mode,patient_id,received_at,scorable,score_detail,scoring_version,study_id,submitted_by,submitted_role,subscales,supersedes_id,timepoint_key,timing,total,id) values (NULL,'{"phq9_q1": 1, "phq9_q2": 2, "phq9_q3": 1, "phq9_q4": 0, "phq9_q5": 3, "phq9_q6": 1, "phq9_q7": 0, "phq9_q8": 1, "phq9_q9": 0, "phq9_difficulty": 1}','mild',:completed,:e_id,'{}',:ins,'1.0','self',:p_id,now(),true,'{"rawSum": 9, "endorsed": null, "itemsAnswered": 9, "proratedUnrounded": null, "provisionalDiagnosis": null, "interferenceItemsAnswered": null}',:ins,:e_study_id,:sub,'patient','{}',NULL,:tp,'late',9,:rid);
INSERT INTO outbox_event (id, study_id, event_type, dedup_key, payload, created_at, available_at, state)
VALUES (:oid, :e_study_id, 'response.stored', 'response.stored:' || :rid, CAST('{"responseId": "00000000-0000-0000-0000-000000000000", "studyId": "00000000-0000-0000-0000-000000000000", "timepointKey": "T1", "instrumentId": "phq9", "timing": "late", "flags": [], "supersedesId": null}' AS jsonb), now(), now(), 'pending')
ON CONFLICT (dedup_key) DO NOTHING RETURNING id;
UPDATE outbox_event SET state = 'cancelled', cancelled_at = now(), cancel_reason = 'task_completed'
WHERE dedup_key = ANY (ARRAY['task.opened:' || :e_id || ':' || :tp || ':' || :ins, 'task.closing:' || :e_id || ':' || :tp || ':' || :ins]) AND state = 'pending';
UPDATE webhook_delivery SET state = 'cancelled', last_error = 'cancelled: task_completed', updated_at = now()
WHERE state = 'pending'
  AND event_id IN (SELECT id FROM outbox_event WHERE dedup_key = ANY (ARRAY['task.opened:' || :e_id || ':' || :tp || ':' || :ins, 'task.closing:' || :e_id || ':' || :tp || ':' || :ins]));
insert into audit_event (action,actor_role,actor_subject,detail,occurred_at,outcome,patient_id,request_id,resource_id,resource_type,study_id) values ('create','patient',:sub,'{"mode": "self", "timing": "late", "instrumentId": "phq9", "timepointKey": "T1"}',now(),'allowed',:p_id,:reqid,:rid,'response',:e_study_id);
COMMIT;
