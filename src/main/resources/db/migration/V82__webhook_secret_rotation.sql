-- Webhook secret rotation (issue 19, point 3).
-- A rotation replaces secret with a new one and keeps the old one in previous_secret until
-- previous_secret_expires_at: during that overlap every delivery carries two signatures (new and old secret), so a
-- receiver can switch at its own pace; afterwards only the new secret signs. Like secret, previous_secret is never
-- returned by the API and is cleared by the next rotation. secret_rotated_at is when the current secret was set by a
-- rotation (null: the secret given at creation).
ALTER TABLE webhook_subscription
    ADD COLUMN previous_secret            varchar(256),
    ADD COLUMN previous_secret_expires_at timestamptz,
    ADD COLUMN secret_rotated_at          timestamptz,
    ADD CONSTRAINT webhook_subscription_previous_secret_ck
        CHECK ((previous_secret IS NULL) = (previous_secret_expires_at IS NULL));
