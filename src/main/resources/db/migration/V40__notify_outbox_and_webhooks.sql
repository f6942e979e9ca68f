-- Outbound notices: a transactional outbox, webhook subscriptions per study, and one delivery row per
-- (subscription, event). Written by the notify feature only; see org.proservice.notify.

-- ---- Outbox ---------------------------------------------------------------------------------------------------
-- One row per notice, inserted in the same transaction as the fact behind it (alert raised, response stored, task
-- opened, task about to close). id is the idempotent event id receivers see (Webhook-Id header, body "id").
-- payload never holds answer values. available_at lets a notice wait (reminders). dedup_key is unique for ever:
-- a retry of the business transaction or a protocol change cannot create a second notice for the same fact.
--   pending    -> waiting for available_at, then fanned out to the matching subscriptions
--   dispatched -> fanned out (one webhook_delivery per matching active subscription, possibly none)
--   cancelled  -> withdrawn before fan-out (task completed, guard said no longer relevant)
CREATE TABLE outbox_event (
    id            uuid         PRIMARY KEY,
    study_id      uuid         NOT NULL REFERENCES study (id),
    event_type    varchar(64)  NOT NULL CHECK (event_type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
    dedup_key     varchar(255) NOT NULL CHECK (btrim(dedup_key) <> ''),
    payload       jsonb        NOT NULL,
    created_at    timestamptz  NOT NULL,
    available_at  timestamptz  NOT NULL,
    state         varchar(16)  NOT NULL CHECK (state IN ('pending', 'dispatched', 'cancelled')),
    dispatched_at timestamptz,
    cancelled_at  timestamptz,
    cancel_reason varchar(200),
    CONSTRAINT outbox_event_dedup_key_uq UNIQUE (dedup_key)
);
-- The fan-out asks "which pending notices are due?" on every poll.
CREATE INDEX outbox_event_due_idx ON outbox_event (available_at) WHERE state = 'pending';
-- Cancelling by key prefix (e.g. every pending reminder of one task).
CREATE INDEX outbox_event_pending_key_idx ON outbox_event (dedup_key varchar_pattern_ops) WHERE state = 'pending';

-- ---- Subscriptions ----------------------------------------------------------------------------------------------
-- secret signs the deliveries (HMAC-SHA256). It is write-only in the API. Stored as given here; production should
-- encrypt it at rest (KMS envelope encryption) - see the notify package documentation.
-- A deleted subscription is kept (deleted_at set) so that its delivery log stays consistent; it receives nothing.
CREATE TABLE webhook_subscription (
    id          uuid          PRIMARY KEY,
    study_id    uuid          NOT NULL REFERENCES study (id),
    url         varchar(2048) NOT NULL CHECK (url ~ '^https?://'),
    secret      varchar(256)  NOT NULL CHECK (length(secret) >= 16),
    event_types text[]        NOT NULL CHECK (cardinality(event_types) >= 1),
    description varchar(200),
    created_at  timestamptz   NOT NULL,
    created_by  varchar(255)  NOT NULL,
    deleted_at  timestamptz,
    deleted_by  varchar(255)
);
CREATE INDEX webhook_subscription_study_idx ON webhook_subscription (study_id, created_at) WHERE deleted_at IS NULL;

-- ---- Deliveries -------------------------------------------------------------------------------------------------
--   pending   -> due at next_attempt_at
--   in_flight -> claimed by locked_by until locked_until (a lease: when it expires another instance takes over)
--   delivered -> a 2xx answer was received
--   failed    -> max attempts used up (an admin may redeliver)
--   cancelled -> withdrawn (subscription deleted, notice cancelled or no longer relevant)
-- last_error is a short technical reason (status, timeout, connection refused), never the payload.
CREATE TABLE webhook_delivery (
    id               uuid         PRIMARY KEY,
    subscription_id  uuid         NOT NULL REFERENCES webhook_subscription (id),
    event_id         uuid         NOT NULL REFERENCES outbox_event (id),
    state            varchar(16)  NOT NULL
        CHECK (state IN ('pending', 'in_flight', 'delivered', 'failed', 'cancelled')),
    attempt_count    integer      NOT NULL DEFAULT 0 CHECK (attempt_count >= 0),
    next_attempt_at  timestamptz  NOT NULL,
    locked_until     timestamptz,
    locked_by        varchar(100),
    last_attempt_at  timestamptz,
    last_status_code integer,
    last_error       varchar(500),
    delivered_at     timestamptz,
    created_at       timestamptz  NOT NULL,
    updated_at       timestamptz  NOT NULL,
    CONSTRAINT webhook_delivery_subscription_event_uq UNIQUE (subscription_id, event_id),
    CONSTRAINT webhook_delivery_lease_ck CHECK (state <> 'in_flight' OR (locked_until IS NOT NULL AND locked_by IS NOT NULL))
);
-- The delivery worker claims due rows and rows whose lease expired.
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_delivery_lease_idx ON webhook_delivery (locked_until) WHERE state = 'in_flight';
-- The delivery log of a subscription, newest first (keyset on created_at, id).
CREATE INDEX webhook_delivery_log_idx ON webhook_delivery (subscription_id, created_at DESC, id DESC);
CREATE INDEX webhook_delivery_event_idx ON webhook_delivery (event_id);
