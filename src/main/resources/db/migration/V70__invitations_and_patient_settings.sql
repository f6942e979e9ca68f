-- Patients join by invitation: an enrollment may be created before the patient has an identity-provider account,
-- so the patient's subject is bound later, when the invitation is claimed.
ALTER TABLE patient ALTER COLUMN identity_subject DROP NOT NULL;

-- One row per issued invitation. Only a SHA-256 hash of the normalised code is kept; the code itself is shown once.
CREATE TABLE invitation (
    id            uuid         PRIMARY KEY,
    enrollment_id uuid         NOT NULL REFERENCES enrollment (id),
    patient_id    uuid         NOT NULL REFERENCES patient (id),
    study_id      uuid         NOT NULL REFERENCES study (id),
    code_hash     char(64)     NOT NULL,
    status        varchar(16)  NOT NULL CHECK (status IN ('pending', 'claimed', 'revoked')),
    expires_at    timestamptz  NOT NULL,
    issued_at     timestamptz  NOT NULL,
    issued_by     varchar(255) NOT NULL,
    claimed_at    timestamptz,
    claimed_by    varchar(255),
    revoked_at    timestamptz,
    revoked_by    varchar(255),
    CONSTRAINT invitation_code_hash_uq UNIQUE (code_hash),
    CONSTRAINT invitation_claimed_ck CHECK (status <> 'claimed' OR (claimed_at IS NOT NULL AND claimed_by IS NOT NULL)),
    CONSTRAINT invitation_revoked_ck CHECK (status <> 'revoked' OR (revoked_at IS NOT NULL AND revoked_by IS NOT NULL))
);
-- At most one usable invitation per enrollment: re-issuing revokes the pending one first.
CREATE UNIQUE INDEX invitation_one_pending_uq ON invitation (enrollment_id) WHERE status = 'pending';

-- Failed claims (unknown codes) per caller subject and per client address, for brute-force throttling.
CREATE TABLE invitation_failure (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source       varchar(300) NOT NULL,
    attempted_at timestamptz  NOT NULL
);
CREATE INDEX invitation_failure_source_idx ON invitation_failure (source, attempted_at);

-- What patients of a study see of themselves, set by study staff: the arm (off for blinded studies), the
-- instruments whose scores they see (none by default) and the crisis message shown after a safety alert.
CREATE TABLE study_patient_settings (
    study_id               uuid          PRIMARY KEY REFERENCES study (id),
    arm_visible            boolean       NOT NULL DEFAULT false,
    score_instruments      text[]        NOT NULL DEFAULT '{}',
    crisis_text            varchar(2000),
    crisis_contact         varchar(500),
    updated_at             timestamptz   NOT NULL,
    updated_by             varchar(255)  NOT NULL
);
