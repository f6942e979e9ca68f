-- The physical limit of a write on this machine: one single-row INSERT and its COMMIT (autocommit, one durable
-- WAL flush per transaction at the server's synchronous_commit), at the same concurrency as the other pgbench runs.
-- bench/run.sh creates the table bench_min_commit beside the service's tables and drops it with the database.
INSERT INTO bench_min_commit (client, at) VALUES (:client_id, clock_timestamp());
