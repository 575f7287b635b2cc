-- Live transcripts (issue 13): a transcript opened live grows while it airs, then is
-- closed; a segment's text can be corrected, keeping every earlier text; a claim whose
-- quote a correction took away keeps its place and is flagged until a checker marks it
-- again.

-- COMPLETE: imported whole; LIVE: segments are appended; CLOSED: a live one that ended.
ALTER TABLE transcripts
  ADD COLUMN state text NOT NULL DEFAULT 'COMPLETE'
    CHECK (state IN ('COMPLETE', 'LIVE', 'CLOSED')),
  ADD COLUMN closed_at timestamptz,
  ADD CONSTRAINT transcripts_closed_at CHECK ((state = 'CLOSED') = (closed_at IS NOT NULL));

-- revision: corrections so far (0 as it arrived). arrived_at: when the server stored it,
-- the import's time for the segments already here.
ALTER TABLE segments
  ADD COLUMN revision integer NOT NULL DEFAULT 0 CHECK (revision >= 0),
  ADD COLUMN arrived_at timestamptz;
UPDATE segments s SET arrived_at = t.imported_at FROM transcripts t WHERE t.id = s.transcript_id;
ALTER TABLE segments
  ALTER COLUMN arrived_at SET DEFAULT now(),
  ALTER COLUMN arrived_at SET NOT NULL;

-- Every correction of a segment's text, the text before and after it.
CREATE TABLE segment_revisions (
  segment_id    bigint NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  revision      integer NOT NULL CHECK (revision > 0),
  old_text      text NOT NULL,
  new_text      text NOT NULL CHECK (new_text <> ''),
  -- NULL when the feed corrected it.
  corrected_by  bigint REFERENCES users(id),
  corrected_at  timestamptz NOT NULL DEFAULT now(),
  reason        text NOT NULL DEFAULT '',
  PRIMARY KEY (segment_id, revision)
);

-- The quote change of a claim a correction left without its quote (all set, or none):
-- the quote as marked, the segment's text where it was and is now, the revision.
ALTER TABLE claims
  ADD COLUMN quote_old_quote text,
  ADD COLUMN quote_old_text text,
  ADD COLUMN quote_new_text text,
  ADD COLUMN quote_revision integer,
  ADD COLUMN quote_changed_at timestamptz,
  ADD CONSTRAINT claims_quote_change_whole CHECK (
    (quote_old_quote IS NULL) = (quote_old_text IS NULL) AND
    (quote_old_quote IS NULL) = (quote_new_text IS NULL) AND
    (quote_old_quote IS NULL) = (quote_revision IS NULL) AND
    (quote_old_quote IS NULL) = (quote_changed_at IS NULL));
CREATE INDEX claims_quote_changed ON claims (transcript_id) WHERE quote_old_quote IS NOT NULL;
