-- Reminders are withdrawn by their exact dedup keys (the unique index serves that); the prefix index is not read.
DROP INDEX outbox_event_pending_key_idx;

-- NotifyRetention finds finished deliveries and notices by age.
CREATE INDEX webhook_delivery_finished_idx ON webhook_delivery (updated_at)
    WHERE state IN ('delivered', 'failed', 'cancelled');
CREATE INDEX outbox_event_finished_idx ON outbox_event (created_at) WHERE state <> 'pending';
