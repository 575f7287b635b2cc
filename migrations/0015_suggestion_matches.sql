-- "Checked before?" for suggestions (issue 15): the past checks that may answer each open
-- suggested sentence, found off the request path by the suggestion worker with the
-- archive's match index, and kept current as the archive changes. (0014 is left to the
-- transcript languages of the same session.)

-- The matches found, best first (rank 1), with the matcher's score; at most 3 a sentence,
-- only those above the worker's threshold.
CREATE TABLE suggestion_matches (
  suggestion_id bigint NOT NULL REFERENCES suggestions(id) ON DELETE CASCADE,
  check_id      bigint NOT NULL REFERENCES archived_checks(id) ON DELETE CASCADE,
  rank          integer NOT NULL,
  score         double precision NOT NULL,
  PRIMARY KEY (suggestion_id, check_id)
);

-- The archive revision (archived_checks.revision, the workspace's newest) a suggestion's
-- matches reflect; 0: not matched yet (revisions start at 1). An open suggestion whose
-- value is below its workspace's newest revision is matched (again): this index finds
-- them per workspace with one range condition.
ALTER TABLE suggestions ADD COLUMN matched_revision bigint NOT NULL DEFAULT 0;
CREATE INDEX suggestions_match_due ON suggestions (workspace_id, matched_revision)
  WHERE state = 'open';
