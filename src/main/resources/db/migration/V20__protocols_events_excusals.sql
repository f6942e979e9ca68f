-- Schedule feature: protocol versions (immutable), their timepoints as queryable rows, clinical event occurrences
-- and task excusals. Assessment tasks themselves are derived, never stored.

-- ---- Protocol versions ----------------------------------------------------------------------------------------
-- The definition is kept as published (normalized JSON); the columns beside it are what queries use.
CREATE TABLE protocol_version (
    id                   uuid         PRIMARY KEY,
    study_id             uuid         NOT NULL REFERENCES study (id),
    version              integer      NOT NULL CHECK (version >= 1),
    definition           jsonb        NOT NULL,
    late_submissions     varchar(32)  NOT NULL CHECK (late_submissions IN ('accept_marked_late', 'reject')),
    grace_hours          integer      NOT NULL CHECK (grace_hours >= 0),
    baseline_key         varchar(32)  NOT NULL,
    migrate_enrolled     boolean      NOT NULL,
    migrated_enrollments integer      NOT NULL CHECK (migrated_enrollments >= 0),
    published_at         timestamptz  NOT NULL,
    published_by         varchar(255) NOT NULL,
    CONSTRAINT protocol_version_uq UNIQUE (study_id, version)
);

-- One row per timepoint of a version: summaries and exports join responses to labels, anchors and the baseline.
CREATE TABLE protocol_timepoint (
    protocol_version_id uuid         NOT NULL REFERENCES protocol_version (id),
    study_id            uuid         NOT NULL,
    version             integer      NOT NULL,
    timepoint_key       varchar(32)  NOT NULL,
    position            integer      NOT NULL,
    label               varchar(200) NOT NULL,
    anchor              varchar(64)  NOT NULL,
    offset_days         integer      NOT NULL CHECK (offset_days >= 0),
    window_days_before  integer      NOT NULL CHECK (window_days_before >= 0),
    window_days_after   integer      NOT NULL CHECK (window_days_after >= 0),
    is_baseline         boolean      NOT NULL,
    arm_codes           text[],
    instruments         text[]       NOT NULL,
    PRIMARY KEY (protocol_version_id, timepoint_key),
    CONSTRAINT protocol_timepoint_version_fk FOREIGN KEY (study_id, version)
        REFERENCES protocol_version (study_id, version),
    CONSTRAINT protocol_timepoint_uq UNIQUE (study_id, version, timepoint_key)
);
COMMENT ON COLUMN protocol_timepoint.arm_codes IS 'NULL: the timepoint applies to every arm';

-- Published versions are immutable: UPDATE and DELETE fail.
CREATE FUNCTION protocol_immutable() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is immutable once published: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER protocol_version_immutable BEFORE UPDATE OR DELETE ON protocol_version
    FOR EACH ROW EXECUTE FUNCTION protocol_immutable();
CREATE TRIGGER protocol_timepoint_immutable BEFORE UPDATE OR DELETE ON protocol_timepoint
    FOR EACH ROW EXECUTE FUNCTION protocol_immutable();

-- Adherence lists the enrollments of a study per protocol version.
CREATE INDEX enrollment_study_version_idx ON enrollment (study_id, protocol_version);

-- ---- Event occurrences ----------------------------------------------------------------------------------------
-- The local date on which a patient's anchor event (e.g. session-3) happened. One row per enrollment x anchor;
-- a correction updates the date and bumps the revision, and the audit trail keeps the previous date.
CREATE TABLE event_occurrence (
    id            uuid         PRIMARY KEY,
    enrollment_id uuid         NOT NULL REFERENCES enrollment (id),
    patient_id    uuid         NOT NULL REFERENCES patient (id),
    anchor        varchar(64)  NOT NULL CHECK (anchor <> 'enrollment'),
    local_date    date         NOT NULL,
    revision      integer      NOT NULL CHECK (revision >= 1),
    recorded_at   timestamptz  NOT NULL,
    recorded_by   varchar(255) NOT NULL,
    CONSTRAINT event_occurrence_uq UNIQUE (enrollment_id, anchor)
);
CREATE INDEX event_occurrence_patient_idx ON event_occurrence (patient_id);

-- ---- Task excusals --------------------------------------------------------------------------------------------
-- A clinician excuses one task (timepoint x instrument) of an enrollment, with a reason. Keyed by timepoint key,
-- so an excusal survives a move to a protocol version that keeps the key.
CREATE TABLE task_excusal (
    id            uuid          PRIMARY KEY,
    enrollment_id uuid          NOT NULL REFERENCES enrollment (id),
    patient_id    uuid          NOT NULL REFERENCES patient (id),
    timepoint_key varchar(32)   NOT NULL,
    instrument_id varchar(32)   NOT NULL,
    reason        varchar(1000) NOT NULL CHECK (btrim(reason) <> ''),
    excused_at    timestamptz   NOT NULL,
    excused_by    varchar(255)  NOT NULL,
    CONSTRAINT task_excusal_uq UNIQUE (enrollment_id, timepoint_key, instrument_id)
);
CREATE INDEX task_excusal_patient_idx ON task_excusal (patient_id);

-- Time-zone history is read for many patients at once (adherence): (patient_id, valid_from) is already unique.
