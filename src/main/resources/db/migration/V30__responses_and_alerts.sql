-- Responses (immutable, scored at receipt), their idempotency keys, and safety alerts.

-- ---- Responses ------------------------------------------------------------------------------------------------
-- One row per administration as received. Never updated, never deleted (triggers below). A correction is a new row
-- whose supersedes_id names the row it corrects; a row is "current" when no row supersedes it.
-- timepoint_key NULL = an unscheduled (clinician-administered) administration outside the protocol's tasks.
CREATE TABLE response (
    id                   uuid          PRIMARY KEY,
    patient_id           uuid          NOT NULL REFERENCES patient (id),
    study_id             uuid          NOT NULL REFERENCES study (id),
    enrollment_id        uuid          NOT NULL REFERENCES enrollment (id),
    timepoint_key        varchar(32),
    instrument_id        varchar(32)   NOT NULL,
    instrument_version   varchar(16)   NOT NULL,
    mode                 varchar(32)   NOT NULL CHECK (mode IN ('self', 'clinician_administered')),
    answers              jsonb         NOT NULL,
    completed_at         timestamptz   NOT NULL,
    received_at          timestamptz   NOT NULL,
    timing               varchar(16)   NOT NULL
        CHECK (timing IN ('on_time', 'late', 'no_window', 'unscheduled')),
    submitted_by         varchar(255)  NOT NULL,
    submitted_role       varchar(64),
    -- score computed at receipt
    scoring_version      varchar(64)   NOT NULL,
    scorable             boolean       NOT NULL,
    total                integer,
    band                 varchar(32),
    flags                text[]        NOT NULL,
    subscales            jsonb         NOT NULL,
    score_detail         jsonb         NOT NULL,
    -- amendments
    supersedes_id        uuid          REFERENCES response (id),
    amendment_reason     varchar(2000),
    CONSTRAINT response_supersedes_once UNIQUE (supersedes_id),
    CONSTRAINT response_amendment_reason CHECK ((supersedes_id IS NULL) = (amendment_reason IS NULL)),
    CONSTRAINT response_timing_unscheduled CHECK ((timepoint_key IS NULL) = (timing = 'unscheduled'))
);
COMMENT ON TABLE response IS 'Immutable: UPDATE and DELETE raise an error. Current = not named by any supersedes_id.';
COMMENT ON COLUMN response.flags IS 'Flag codes of the score (SPEC), alphabetical';
COMMENT ON COLUMN response.score_detail IS 'The remaining score fields (rawSum, itemsAnswered, proratedUnrounded, endorsed, interferenceItemsAnswered, provisionalDiagnosis)';

-- History, newest first, keyset on (completed_at, id): an index range scan, no sort.
CREATE INDEX response_patient_history_idx ON response (patient_id, completed_at DESC, id DESC);
CREATE INDEX response_patient_instrument_history_idx
    ON response (patient_id, instrument_id, completed_at DESC, id DESC);
-- Summaries, exports and task completion read a study's / enrollment's responses.
CREATE INDEX response_study_instrument_idx ON response (study_id, instrument_id, timepoint_key);
CREATE INDEX response_enrollment_task_idx ON response (enrollment_id, timepoint_key, instrument_id);
-- One original submission per task (amendments continue its chain): a task has at most one current response.
CREATE UNIQUE INDEX response_one_per_task_uq ON response (enrollment_id, timepoint_key, instrument_id)
    WHERE timepoint_key IS NOT NULL AND supersedes_id IS NULL;

CREATE FUNCTION response_immutable() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is immutable: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER response_no_update_delete BEFORE UPDATE OR DELETE ON response
    FOR EACH ROW EXECUTE FUNCTION response_immutable();
CREATE TRIGGER response_no_truncate BEFORE TRUNCATE ON response
    FOR EACH STATEMENT EXECUTE FUNCTION response_immutable();

-- ---- Idempotency keys ----------------------------------------------------------------------------------------
-- Claimed first in the submission transaction (INSERT ... ON CONFLICT DO NOTHING): a concurrent request with the
-- same key waits on the claim and then finds it. The key is scoped to (patient, caller). request_hash is the
-- SHA-256 of the canonical request; the response row follows in the same transaction (deferred foreign key).
CREATE TABLE response_idempotency (
    patient_id      uuid         NOT NULL REFERENCES patient (id),
    caller_subject  varchar(255) NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    request_hash    char(64)     NOT NULL,
    response_id     uuid         NOT NULL UNIQUE
        REFERENCES response (id) DEFERRABLE INITIALLY DEFERRED,
    created_at      timestamptz  NOT NULL,
    PRIMARY KEY (patient_id, caller_subject, idempotency_key)
);

-- ---- Alerts ---------------------------------------------------------------------------------------------------
-- Raised in the submission transaction. Carries the flag code, never answer values.
-- open -> acknowledged -> resolved; each step's who/when/note is set once (guarded UPDATE ... WHERE status = ...).
CREATE TABLE alert (
    id               uuid          PRIMARY KEY,
    patient_id       uuid          NOT NULL REFERENCES patient (id),
    study_id         uuid          NOT NULL REFERENCES study (id),
    response_id      uuid          NOT NULL REFERENCES response (id),
    instrument_id    varchar(32)   NOT NULL,
    rule             varchar(64)   NOT NULL,
    status           varchar(16)   NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
    raised_at        timestamptz   NOT NULL,
    acknowledged_at  timestamptz,
    acknowledged_by  varchar(255),
    acknowledge_note varchar(2000),
    resolved_at      timestamptz,
    resolved_by      varchar(255),
    resolve_note     varchar(2000),
    CONSTRAINT alert_per_response_rule_uq UNIQUE (response_id, rule),
    CONSTRAINT alert_ack_consistent CHECK ((status = 'open') = (acknowledged_at IS NULL)
        AND (acknowledged_at IS NULL) = (acknowledged_by IS NULL)),
    CONSTRAINT alert_resolve_consistent CHECK ((status = 'resolved') = (resolved_at IS NOT NULL)
        AND (resolved_at IS NULL) = (resolved_by IS NULL))
);
-- "Open alerts of my studies, newest first."
CREATE INDEX alert_study_status_idx ON alert (study_id, status, raised_at DESC, id DESC);
CREATE INDEX alert_patient_idx ON alert (patient_id);
