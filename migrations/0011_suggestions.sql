-- Check-worthiness suggestions (issue 14): every sentence of every segment, scored by
-- the model in checkworthy/, with its reasons and the model's version. One row per
-- sentence span: rescoring replaces open rows and never revives a dismissed one.
CREATE TABLE suggestions (
  id             bigserial PRIMARY KEY,
  workspace_id   bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  transcript_id  bigint NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
  segment_id     bigint NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  start_byte     integer NOT NULL CHECK (start_byte >= 0),
  end_byte       integer NOT NULL CHECK (end_byte > start_byte),
  kind           text NOT NULL CHECK (kind IN ('speech', 'narration', 'cue', 'caption')),
  score          double precision NOT NULL CHECK (score >= 0 AND score <= 1),
  -- [{"feature": ..., "text": ..., "weight": ...}], heaviest first.
  reasons        jsonb NOT NULL,
  scorer_version text NOT NULL,
  state          text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'dismissed')),
  decided_by     bigint REFERENCES users(id),
  decided_at     timestamptz,
  reason         text,
  claim_id       bigint REFERENCES claims(id) ON DELETE SET NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'open') = (decided_by IS NULL)),
  CHECK (state <> 'dismissed' OR reason IS NOT NULL)
);
-- One suggestion per sentence, however many replicas score the transcript.
CREATE UNIQUE INDEX suggestions_once ON suggestions (segment_id, start_byte, end_byte);
CREATE INDEX suggestions_ranked ON suggestions (transcript_id, score DESC) WHERE state = 'open';
CREATE INDEX suggestions_of_claim ON suggestions (claim_id) WHERE claim_id IS NOT NULL;

-- The scoring queue, one row per transcript: written in the import's transaction (an
-- outbox), claimed by a worker on any replica with FOR UPDATE SKIP LOCKED, scored a
-- chunk of segments per transaction (next_ordinal moves with the suggestions it wrote).
-- It also says how far scoring has got, and why a transcript has no suggestions.
CREATE TABLE scoring_queue (
  transcript_id  bigint PRIMARY KEY REFERENCES transcripts(id) ON DELETE CASCADE,
  workspace_id   bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  state          text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'done', 'not_english')),
  -- Segments with a lower ordinal are scored.
  next_ordinal   integer NOT NULL DEFAULT 0 CHECK (next_ordinal >= 0),
  scorer_version text,
  note           text,
  queued_at      timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz
);
CREATE INDEX scoring_queue_pending ON scoring_queue (queued_at) WHERE state = 'pending';

-- Transcripts imported before suggestions existed are scored too.
INSERT INTO scoring_queue (transcript_id, workspace_id) SELECT id, workspace_id FROM transcripts;
