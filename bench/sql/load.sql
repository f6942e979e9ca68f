-- Bench data set, loaded by bench/run.sh into a throwaway database after Flyway created the schema and the study was
-- created through the API. psql variables: n (responses), submitters, pgb, study (quoted uuid). search_path = schema.
--
-- Shape: ceil(n/40) "history" patients with 40 responses each (16 scheduled: T0-T3 x phq9/gad7/pcl5/bpi-sf, marked
-- late; 24 unscheduled clinician administrations), answers generated per item, score columns computed from those
-- answers with the SPEC's bands; one audit event per response and, for the responses of the last 90 days (the
-- retention period), one dispatched response.stored outbox row, as a running installation holds them. Plus fresh
-- patients (no responses) for the API load (submitters) and for pgbench (pgb).
-- Every patient: enrolled 90 to 360 days ago, sessions 1/3/6 recorded on days 7/21/42, so all 16 tasks can be submitted.
-- Identity subjects are numeric strings: history 1000000001.., pgbench 2000000000.., API submitters 3000000001..
-- (pgbench derives them with \set). Ids are md5-derived so that tables join without lookups.

\set ON_ERROR_STOP 1
SET synchronous_commit = off;  -- loading only; the measured runs use the server's setting (on)

CREATE TEMP TABLE bench_subject AS
SELECT (1000000000 + g)::text AS sub, 'h' AS kind, g AS i FROM generate_series(1, ceil(:n / 40.0)::int) g
UNION ALL
SELECT (2000000000 + g)::text, 'g', g FROM generate_series(0, :pgb - 1) g
UNION ALL
SELECT (3000000000 + g)::text, 's', g FROM generate_series(1, :submitters) g;

CREATE TEMP TABLE bench_patient AS
SELECT sub, kind, i,
       md5('bench-patient:' || sub)::uuid    AS pid,
       md5('bench-enrollment:' || sub)::uuid AS eid,
       (ARRAY['psychedelic-im', 'psycholytic-sl'])[i % 2 + 1] AS arm,
       (ARRAY['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney', 'UTC'])[i % 5 + 1] AS zone,
       -- enrolled over nine months, the last 90 days ago: every task of every patient is past (late but accepted)
       current_date - 90 - (i % 270) AS enrolled_on
FROM bench_subject;

INSERT INTO patient (id, identity_subject, created_at, created_by)
SELECT pid, sub, now() - interval '90 days', 'bench-clinician' FROM bench_patient;

INSERT INTO patient_time_zone (id, patient_id, zone_id, valid_from, recorded_at, recorded_by)
SELECT md5('bench-tz:' || sub)::uuid, pid, zone, enrolled_on - 1, now() - interval '90 days', 'bench-clinician'
FROM bench_patient;

INSERT INTO enrollment (id, patient_id, study_id, arm_code, subject_code, protocol_version, enrollment_date,
                        enrolled_at, enrolled_by)
SELECT eid, pid, :study, arm, 'B-' || sub, 1, enrolled_on, now() - interval '90 days', 'bench-clinician'
FROM bench_patient;

INSERT INTO event_occurrence (id, enrollment_id, patient_id, anchor, local_date, revision, recorded_at, recorded_by)
SELECT md5('bench-event:' || sub || ':' || a.anchor)::uuid, eid, pid, a.anchor, enrolled_on + a.day, 1,
       now() - interval '90 days' + a.day * interval '1 day', 'bench-clinician'
FROM bench_patient CROSS JOIN (VALUES ('session-1', 7), ('session-3', 21), ('session-6', 42)) AS a(anchor, day);

-- ---- Items of the four instruments: id, highest code, what the score groups them into ---------------------------
CREATE TEMP TABLE bench_item (instrument text, item text, maxv int, grp text);
INSERT INTO bench_item
SELECT 'phq9', 'phq9_q' || q, 3, 'total' FROM generate_series(1, 9) q
UNION ALL SELECT 'phq9', 'phq9_difficulty', 3, 'none'
UNION ALL SELECT 'gad7', 'gad7_q' || q, 3, 'total' FROM generate_series(1, 7) q
UNION ALL SELECT 'gad7', 'gad7_difficulty', 3, 'none'
UNION ALL SELECT 'pcl5', 'pcl5_q' || q, 4,
                 CASE WHEN q <= 5 THEN 'B' WHEN q <= 7 THEN 'C' WHEN q <= 14 THEN 'D' ELSE 'E' END
          FROM generate_series(1, 20) q
UNION ALL SELECT 'bpi-sf', 'bpi_q1_pain_today', 1, 'none'
UNION ALL SELECT 'bpi-sf', unnest(ARRAY['bpi_q3_worst', 'bpi_q4_least', 'bpi_q5_average', 'bpi_q6_now']), 10, 'severity'
UNION ALL SELECT 'bpi-sf', 'bpi_q8_relief_pct', 10, 'relief'
UNION ALL SELECT 'bpi-sf', unnest(ARRAY['bpi_q9a_general_activity', 'bpi_q9b_mood', 'bpi_q9c_walking_ability',
                 'bpi_q9d_normal_work', 'bpi_q9e_relations', 'bpi_q9f_sleep', 'bpi_q9g_enjoyment_of_life']), 10,
                 'interference';

-- ---- Responses ----------------------------------------------------------------------------------------------------
CREATE TEMP TABLE bench_response AS
SELECT md5('bench-response:' || g)::uuid AS id, g, p.pid, p.eid, p.sub, p.enrolled_on,
       k, (ARRAY['phq9', 'gad7', 'pcl5', 'bpi-sf'])[k % 4 + 1] AS instrument,
       CASE WHEN k < 16 THEN 'T' || (k / 4) END AS tp
FROM generate_series(0, :n - 1) g
CROSS JOIN LATERAL (SELECT g % 40 AS k) kk
JOIN bench_patient p ON p.kind = 'h' AND p.i = g / 40 + 1;

-- One row per answered item: values spread by a hash; PHQ-9 item 9 is mostly 0 (1 in 50 positive); BPI q1 = yes (1).
CREATE TEMP TABLE bench_answer AS
SELECT r.id, it.item, it.grp,
       CASE WHEN it.item = 'phq9_q9' THEN (r.g % 50 = 0)::int
            WHEN it.item = 'bpi_q1_pain_today' THEN 1
            WHEN it.grp = 'relief' THEN (abs(hashint8(r.g * 131 + length(it.item))) % 11) * 10
            ELSE abs(hashint8(r.g * 131 + ascii(right(it.item, 1)) * 7 + length(it.item))) % (it.maxv + 1)
       END AS v
FROM bench_response r JOIN bench_item it ON it.instrument = r.instrument;

CREATE TEMP TABLE bench_score AS
SELECT id,
       jsonb_object_agg(item, v) AS answers,
       sum(v) FILTER (WHERE grp IN ('total', 'B', 'C', 'D', 'E'))::int AS total,
       count(*) FILTER (WHERE grp IN ('total', 'B', 'C', 'D', 'E'))::int AS answered,
       max(v) FILTER (WHERE item = 'phq9_q9') AS q9,
       max(v) FILTER (WHERE item = 'bpi_q3_worst') AS worst,
       max(v) FILTER (WHERE item = 'bpi_q4_least') AS least,
       max(v) FILTER (WHERE item = 'bpi_q5_average') AS average,
       max(v) FILTER (WHERE item = 'bpi_q6_now') AS now_,
       max(v) FILTER (WHERE grp = 'relief') AS relief,
       round(avg(v) FILTER (WHERE grp = 'severity'), 2) AS severity,
       round(avg(v) FILTER (WHERE grp = 'interference'), 2) AS interference,
       count(*) FILTER (WHERE grp = 'interference')::int AS interference_answered,
       sum(v) FILTER (WHERE grp = 'B')::int AS b, sum(v) FILTER (WHERE grp = 'C')::int AS c,
       sum(v) FILTER (WHERE grp = 'D')::int AS d, sum(v) FILTER (WHERE grp = 'E')::int AS e,
       count(*) FILTER (WHERE grp = 'B' AND v >= 2)::int AS eb, count(*) FILTER (WHERE grp = 'C' AND v >= 2)::int AS ec,
       count(*) FILTER (WHERE grp = 'D' AND v >= 2)::int AS ed, count(*) FILTER (WHERE grp = 'E' AND v >= 2)::int AS ee
FROM bench_answer GROUP BY id;

INSERT INTO response (id, patient_id, study_id, enrollment_id, timepoint_key, instrument_id, instrument_version, mode,
                      answers, completed_at, received_at, timing, submitted_by, submitted_role, scoring_version,
                      scorable, total, band, flags, subscales, score_detail)
SELECT r.id, r.pid, :study, r.eid, r.tp, r.instrument, '1.0',
       CASE WHEN r.tp IS NULL THEN 'clinician_administered' ELSE 'self' END,
       s.answers, t.completed_at, t.completed_at + interval '5 minutes',
       CASE WHEN r.tp IS NULL THEN 'unscheduled' ELSE 'late' END,
       CASE WHEN r.tp IS NULL THEN 'bench-clinician' ELSE r.sub END,
       CASE WHEN r.tp IS NULL THEN 'clinician' ELSE 'patient' END,
       r.instrument || '-scoring-1.0', true,
       CASE WHEN r.instrument = 'bpi-sf' THEN NULL ELSE s.total END,
       CASE r.instrument
           WHEN 'phq9' THEN CASE WHEN s.total <= 4 THEN 'none_minimal' WHEN s.total <= 9 THEN 'mild'
                                 WHEN s.total <= 14 THEN 'moderate' WHEN s.total <= 19 THEN 'moderately_severe'
                                 ELSE 'severe' END
           WHEN 'gad7' THEN CASE WHEN s.total <= 4 THEN 'minimal' WHEN s.total <= 9 THEN 'mild'
                                 WHEN s.total <= 14 THEN 'moderate' ELSE 'severe' END
           WHEN 'pcl5' THEN CASE WHEN s.total <= 30 THEN 'below_31' WHEN s.total <= 32 THEN '31_to_32'
                                 ELSE '33_or_above' END
           ELSE CASE WHEN s.worst = 0 THEN 'none' WHEN s.worst <= 4 THEN 'mild' WHEN s.worst <= 6 THEN 'moderate'
                     ELSE 'severe' END
       END,
       CASE WHEN s.q9 > 0 THEN ARRAY['item9_positive'] ELSE ARRAY[]::text[] END,
       CASE r.instrument
           WHEN 'pcl5' THEN jsonb_build_object('B', s.b, 'C', s.c, 'D', s.d, 'E', s.e)
           WHEN 'bpi-sf' THEN jsonb_build_object('worst', s.worst, 'least', s.least, 'average', s.average,
                'now', s.now_, 'severity_composite', s.severity, 'interference', s.interference,
                'relief_pct', s.relief)
           ELSE '{}'::jsonb
       END,
       jsonb_build_object('rawSum', s.total, 'itemsAnswered', s.answered, 'proratedUnrounded', NULL,
           'endorsed', CASE WHEN r.instrument = 'pcl5'
                            THEN jsonb_build_object('B', s.eb, 'C', s.ec, 'D', s.ed, 'E', s.ee) END,
           'interferenceItemsAnswered', CASE WHEN r.instrument = 'bpi-sf' THEN s.interference_answered END,
           'provisionalDiagnosis', CASE WHEN r.instrument = 'pcl5' THEN
                CASE WHEN s.eb >= 1 AND s.ec >= 1 AND s.ed >= 2 AND s.ee >= 2 THEN 'met' ELSE 'not_met' END END)
FROM bench_response r
JOIN bench_score s ON s.id = r.id
CROSS JOIN LATERAL (SELECT (r.enrolled_on
        + CASE r.tp WHEN 'T0' THEN 0 WHEN 'T1' THEN 8 WHEN 'T2' THEN 22 WHEN 'T3' THEN 43 ELSE 3 * (r.k - 16) + 1 END
        )::timestamp AT TIME ZONE 'UTC' + (10 + r.k % 8) * interval '1 hour' + (r.g % 3600) * interval '1 second'
        AS completed_at) t
ORDER BY t.completed_at;  -- rows arrive in time order, a patient's responses spread over the table as in real life

-- As the service writes them: one audit event per response, and a response.stored notice for the responses of the
-- retention period (90 days, pro.notify.retention.keep) only: a running installation has pruned the older ones. A
-- backlog of expired notices is a separate scenario (bench/backlog.sh, bench/sql/backlog.sql).
INSERT INTO outbox_event (id, study_id, event_type, dedup_key, payload, created_at, available_at, state, dispatched_at)
SELECT md5('bench-outbox:' || r.id)::uuid, r.study_id, 'response.stored', 'response.stored:' || r.id,
       jsonb_build_object('responseId', r.id, 'patientId', r.patient_id, 'studyId', r.study_id,
                          'timepointKey', r.timepoint_key, 'instrumentId', r.instrument_id, 'timing', r.timing,
                          'flags', to_jsonb(r.flags), 'supersedesId', NULL),
       r.received_at, r.received_at, 'dispatched', r.received_at + interval '2 seconds'
FROM response r
WHERE r.received_at >= now() - interval '90 days';

INSERT INTO audit_event (occurred_at, actor_subject, actor_role, action, resource_type, resource_id, patient_id,
                         study_id, outcome, request_id, detail)
SELECT r.received_at, r.submitted_by, r.submitted_role, 'create', 'response', r.id::text, r.patient_id, r.study_id,
       'allowed', md5('bench-request:' || r.id), jsonb_build_object('instrumentId', r.instrument_id,
       'timepointKey', r.timepoint_key, 'mode', r.mode, 'timing', r.timing)
FROM response r ORDER BY r.received_at;

DROP TABLE bench_answer, bench_score, bench_response, bench_item, bench_patient, bench_subject;
