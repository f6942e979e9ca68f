-- Baseline validity (issue 14): a baseline completed on or after the patient's local day of the protocol's
-- treatment-start event (definition.baselineMustPrecede; default: the first event anchor) is not a baseline.
-- One definition for the score series, the study summary and the exports.
--
-- Returns true when the response completed at p_completed is on or after the local date of that event, false when
-- before, and NULL when the event is not recorded yet (or the protocol has no event anchor): such a baseline counts
-- as valid. The local date is taken in the patient's zone in force at p_completed (the first entry of the history
-- also applies before its own valid_from, as in ZoneHistory).
CREATE FUNCTION baseline_after_treatment_start(p_patient uuid, p_enrollment uuid, p_completed timestamptz,
                                               p_definition jsonb)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
    SELECT (p_completed AT TIME ZONE coalesce(
               (SELECT z.zone_id FROM patient_time_zone z
                 WHERE z.patient_id = p_patient AND z.valid_from <= p_completed
                 ORDER BY z.valid_from DESC LIMIT 1),
               (SELECT z.zone_id FROM patient_time_zone z
                 WHERE z.patient_id = p_patient ORDER BY z.valid_from LIMIT 1),
               'UTC'))::date >= ev.local_date
      FROM event_occurrence ev
     WHERE ev.enrollment_id = p_enrollment
       AND ev.anchor = coalesce(p_definition ->> 'baselineMustPrecede',
               (SELECT a.name FROM jsonb_array_elements_text(p_definition -> 'anchors') WITH ORDINALITY a(name, i)
                 WHERE a.name <> 'enrollment' ORDER BY a.i LIMIT 1))
$$;
