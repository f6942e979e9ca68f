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
SELECT 'z' AS kind, z.patient_id AS u1, NULL::uuid AS u2, NULL::uuid AS u3, z.valid_from AS at, z.zone_id::text AS s1, NULL::text AS s2, NULL::text AS s3, NULL::text AS s4, NULL::date AS day, NULL::integer AS n FROM patient_time_zone z WHERE z.patient_id = :p_id
UNION ALL SELECT 'v', v.id, v.study_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, v.version FROM protocol_version v WHERE v.study_id = :e_study_id
UNION ALL SELECT 'e', o.enrollment_id, NULL, NULL, NULL, o.anchor, NULL, NULL, NULL, o.local_date, NULL FROM event_occurrence o WHERE o.enrollment_id = :e_id
UNION ALL SELECT 'x', x.id, x.enrollment_id, x.patient_id, x.excused_at, x.timepoint_key, x.instrument_id, x.reason, x.excused_by, NULL, NULL FROM task_excusal x WHERE x.enrollment_id = :e_id;
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
