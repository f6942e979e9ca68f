-- Core model shared by every feature: studies, arms, staff, pseudonymous patients, their time-zone history,
-- enrollments, and the append-only audit trail. Table names are unqualified: the connection's currentSchema is
-- the service schema.

-- ---- Studies ------------------------------------------------------------------------------------------------
CREATE TABLE study (
    id          uuid         PRIMARY KEY,
    name        varchar(200) NOT NULL CHECK (btrim(name) <> ''),
    description varchar(4000),
    created_at  timestamptz  NOT NULL,
    created_by  varchar(255) NOT NULL
);
CREATE INDEX study_created_idx ON study (created_at, id);

-- An arm belongs to one study; its code (e.g. psychedelic-im) is what protocols and enrollments refer to.
CREATE TABLE study_arm (
    id       uuid         PRIMARY KEY,
    study_id uuid         NOT NULL REFERENCES study (id),
    code     varchar(64)  NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]*$'),
    label    varchar(200) NOT NULL CHECK (btrim(label) <> ''),
    position integer      NOT NULL,
    CONSTRAINT study_arm_code_uq UNIQUE (study_id, code)
);

-- Staff: identity-provider subjects (JWT sub) allowed to see the study's patients.
CREATE TABLE study_staff (
    id       uuid         PRIMARY KEY,
    study_id uuid         NOT NULL REFERENCES study (id),
    subject  varchar(255) NOT NULL,
    role     varchar(32)  NOT NULL CHECK (role IN ('investigator', 'clinician', 'coordinator')),
    added_at timestamptz  NOT NULL,
    added_by varchar(255) NOT NULL,
    CONSTRAINT study_staff_subject_uq UNIQUE (study_id, subject)
);
-- "Which studies is this subject staff of?" - asked on every clinician request.
CREATE INDEX study_staff_subject_idx ON study_staff (subject, study_id);

-- ---- Patients -----------------------------------------------------------------------------------------------
-- Pseudonymous: an opaque id and the identity-provider subject of the patient's own tokens. No names, no emails.
-- The study subject code (e.g. KAPT-007) lives on the enrollment: it is unique within a study.
CREATE TABLE patient (
    id               uuid         PRIMARY KEY,
    identity_subject varchar(255) NOT NULL,
    created_at       timestamptz  NOT NULL,
    created_by       varchar(255) NOT NULL,
    CONSTRAINT patient_identity_subject_uq UNIQUE (identity_subject)
);

-- Time-zone history: the zone in force at instant t is the row with the greatest valid_from <= t.
CREATE TABLE patient_time_zone (
    id          uuid         PRIMARY KEY,
    patient_id  uuid         NOT NULL REFERENCES patient (id),
    zone_id     varchar(64)  NOT NULL,
    valid_from  timestamptz  NOT NULL,
    recorded_at timestamptz  NOT NULL,
    recorded_by varchar(255) NOT NULL,
    CONSTRAINT patient_time_zone_from_uq UNIQUE (patient_id, valid_from)
);

-- ---- Enrollments --------------------------------------------------------------------------------------------
-- protocol_version is the version number within the study; the protocol version table belongs to the schedule
-- feature, which may add the foreign key.
CREATE TABLE enrollment (
    id               uuid         PRIMARY KEY,
    patient_id       uuid         NOT NULL REFERENCES patient (id),
    study_id         uuid         NOT NULL REFERENCES study (id),
    arm_code         varchar(64)  NOT NULL,
    subject_code     varchar(64)  NOT NULL CHECK (btrim(subject_code) <> ''),
    protocol_version integer      NOT NULL CHECK (protocol_version >= 1),
    enrollment_date  date         NOT NULL,
    enrolled_at      timestamptz  NOT NULL,
    enrolled_by      varchar(255) NOT NULL,
    CONSTRAINT enrollment_arm_fk FOREIGN KEY (study_id, arm_code) REFERENCES study_arm (study_id, code),
    CONSTRAINT enrollment_subject_code_uq UNIQUE (study_id, subject_code),
    CONSTRAINT enrollment_patient_study_uq UNIQUE (patient_id, study_id)
);
-- The access policy asks "is this patient enrolled in one of the caller's studies?".
CREATE INDEX enrollment_patient_idx ON enrollment (patient_id, study_id);

-- ---- Audit trail --------------------------------------------------------------------------------------------
-- Append-only: who (subject, role), what (action, resource, patient, study), when, outcome, request id.
-- detail never holds answer values or tokens. No foreign keys: the trail outlives and precedes the rows it names
-- (a denied request may name an id that does not exist).
CREATE TABLE audit_event (
    id            bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz  NOT NULL,
    actor_subject varchar(255) NOT NULL,
    actor_role    varchar(64),
    action        varchar(64)  NOT NULL,
    resource_type varchar(64)  NOT NULL,
    resource_id   varchar(255),
    patient_id    uuid,
    study_id      uuid,
    outcome       varchar(16)  NOT NULL CHECK (outcome IN ('allowed', 'denied')),
    request_id    varchar(64),
    detail        jsonb
);
-- Keyset pagination, newest first: (occurred_at, id) descending, with and without the filters.
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at DESC, id DESC);
CREATE INDEX audit_event_patient_idx ON audit_event (patient_id, occurred_at DESC, id DESC) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_event_actor_idx ON audit_event (actor_subject, occurred_at DESC, id DESC);
CREATE INDEX audit_event_request_idx ON audit_event (request_id) WHERE request_id IS NOT NULL;

CREATE FUNCTION audit_event_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

COMMENT ON TABLE audit_event IS 'Append-only audit trail: UPDATE, DELETE and TRUNCATE raise an error';
