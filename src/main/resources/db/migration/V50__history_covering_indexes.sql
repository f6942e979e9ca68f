-- History pages read their keys from the history indexes alone (an index-only range scan in page order), then fetch
-- the page's rows by primary key. The filters a clinician's history adds - the caller's studies, the instrument -
-- are answered from the INCLUDE columns, so the heap is touched only for the rows of the page.
-- On a large table the rebuild blocks writes to response while it runs: deploy it in a quiet hour.
DROP INDEX response_patient_history_idx;
CREATE INDEX response_patient_history_idx
    ON response (patient_id, completed_at DESC, id DESC) INCLUDE (study_id, instrument_id);

DROP INDEX response_patient_instrument_history_idx;
CREATE INDEX response_patient_instrument_history_idx
    ON response (patient_id, instrument_id, completed_at DESC, id DESC) INCLUDE (study_id);
