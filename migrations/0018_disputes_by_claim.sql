-- A claim's closed disputes (an export's editor's reasoning, exports.decisions_of, read a
-- page of claims at a time) were found by reading every dispute of the database: only the
-- open one had an index by claim (disputes_one_open).
CREATE INDEX disputes_claim ON disputes (claim_id);
