-- The audit trail's request_id is the server's id of the request (a new UUID each time, never the caller's).
-- A caller's own X-Request-Id, when it is a sane token (8-64 characters of A-Z a-z 0-9 . _ : -), is kept beside it.
ALTER TABLE audit_event ADD COLUMN client_request_id varchar(64);
CREATE INDEX audit_event_client_request_idx ON audit_event (client_request_id) WHERE client_request_id IS NOT NULL;
COMMENT ON COLUMN audit_event.request_id IS 'The server''s id of the request (generated per request)';
COMMENT ON COLUMN audit_event.client_request_id IS 'The caller''s X-Request-Id, when it sent a sane one';
