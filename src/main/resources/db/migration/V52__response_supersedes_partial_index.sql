-- "Is this response superseded?" is asked for every row of every history page, series and completion check. The
-- unique constraint on supersedes_id indexed every response, NULLs included (a deep index, touched by every insert).
-- Only amendments have a supersedes_id: a partial unique index holds just those rows - same guarantee (a response is
-- superseded at most once), same name (the service maps its violation to 409), a fraction of the size.
ALTER TABLE response DROP CONSTRAINT response_supersedes_once;
CREATE UNIQUE INDEX response_supersedes_once ON response (supersedes_id) WHERE supersedes_id IS NOT NULL;
