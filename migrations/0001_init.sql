-- Factdesk schema: accounts, workspaces, transcripts, claims, sources, notes, events.
-- Every table that belongs to a workspace carries workspace_id (the natural shard key).

CREATE TABLE users (
  id            bigserial PRIMARY KEY,
  handle        text NOT NULL UNIQUE CHECK (handle ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- Only the SHA-256 of a token is stored; the token itself is shown once.
CREATE TABLE api_tokens (
  id            bigserial PRIMARY KEY,
  user_id       bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_sha256  bytea NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
  created_at    timestamptz NOT NULL DEFAULT now(),
  revoked_at    timestamptz
);

CREATE TABLE workspaces (
  id            bigserial PRIMARY KEY,
  slug          text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9._-]{1,39}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  -- The newest event's sequence number; the row lock on it orders a workspace's commits.
  last_seq      bigint NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- Review policy.
  required_reviews integer NOT NULL DEFAULT 2 CHECK (required_reviews BETWEEN 1 AND 10),
  require_source   boolean NOT NULL DEFAULT true,
  dispute_rule     text NOT NULL DEFAULT 'EDITOR_DECIDES'
                   CHECK (dispute_rule IN ('EDITOR_DECIDES', 'MAJORITY')),
  -- Who publishes the checks (ClaimReview author and URLs).
  publisher_name   text NOT NULL DEFAULT '',
  publisher_url    text NOT NULL DEFAULT '',
  claim_url_prefix text NOT NULL DEFAULT ''
);

CREATE TABLE memberships (
  workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  user_id       bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role          text NOT NULL CHECK (role IN ('viewer', 'checker', 'editor', 'admin')),
  joined_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE transcripts (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  title         text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  format        text NOT NULL CHECK (format IN ('text', 'vtt', 'srt', 'tsv')),
  source_url    text NOT NULL DEFAULT '',
  aired_at      timestamptz,
  segment_count integer NOT NULL,
  byte_size     bigint NOT NULL,
  imported_by   bigint NOT NULL REFERENCES users(id),
  imported_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transcripts_workspace ON transcripts (workspace_id, id DESC);

CREATE TABLE speakers (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL,
  transcript_id bigint NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
  position      integer NOT NULL,
  name          text NOT NULL,
  UNIQUE (transcript_id, name)
);

CREATE TABLE segments (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL,
  transcript_id bigint NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
  ordinal       integer NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('speech', 'cue', 'caption')),
  speaker_id    bigint REFERENCES speakers(id),
  start_ms      bigint,
  end_ms        bigint,
  text          text NOT NULL CHECK (text <> ''),
  tsv           tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
  UNIQUE (transcript_id, ordinal)
);
CREATE INDEX segments_tsv ON segments USING gin (tsv);
CREATE INDEX segments_workspace ON segments (workspace_id);

CREATE TABLE claims (
  id              bigserial PRIMARY KEY,
  workspace_id    bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  transcript_id   bigint NOT NULL REFERENCES transcripts(id) ON DELETE CASCADE,
  segment_id      bigint NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
  start_byte      integer NOT NULL CHECK (start_byte >= 0),
  end_byte        integer NOT NULL CHECK (end_byte > start_byte),
  quote           text NOT NULL,
  prefix          text NOT NULL,
  suffix          text NOT NULL,
  summary         text NOT NULL,
  claimant        text NOT NULL,
  status          text NOT NULL DEFAULT 'OPEN'
                  CHECK (status IN ('OPEN', 'IN_REVIEW', 'DISPUTED', 'RESOLVED', 'PUBLISHED', 'DISMISSED')),
  status_reason   text NOT NULL DEFAULT '',
  dismiss_reason  text,
  -- The final verdict as given (label and the scale's numbers at the time).
  verdict_label   text,
  verdict_ordered boolean,
  verdict_value   double precision,
  verdict_best    double precision,
  verdict_worst   double precision,
  version         bigint NOT NULL DEFAULT 1,
  created_by      bigint NOT NULL REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  resolved_at     timestamptz,
  published_at    timestamptz,
  correction_count integer NOT NULL DEFAULT 0
);
CREATE INDEX claims_workspace_status ON claims (workspace_id, status);
CREATE INDEX claims_transcript ON claims (transcript_id, segment_id, start_byte);
CREATE INDEX claims_segment ON claims (segment_id);

CREATE TABLE claim_assignees (
  claim_id      bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  user_id       bigint NOT NULL REFERENCES users(id),
  workspace_id  bigint NOT NULL,
  assigned_by   bigint NOT NULL REFERENCES users(id),
  assigned_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (claim_id, user_id)
);
CREATE INDEX claim_assignees_user ON claim_assignees (workspace_id, user_id);

-- Sources are added and removed, never overwritten.
CREATE TABLE sources (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL,
  claim_id      bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  url           text NOT NULL,
  title         text NOT NULL DEFAULT '',
  publisher     text NOT NULL DEFAULT '',
  excerpt       text NOT NULL DEFAULT '',
  stance        text NOT NULL CHECK (stance IN ('SUPPORTS', 'REFUTES', 'CONTEXT')),
  archived_url  text NOT NULL DEFAULT '',
  is_primary    boolean NOT NULL DEFAULT false,
  added_by      bigint NOT NULL REFERENCES users(id),
  added_at      timestamptz NOT NULL DEFAULT now(),
  removed_by    bigint REFERENCES users(id),
  removed_at    timestamptz
);
CREATE INDEX sources_claim ON sources (claim_id, id);

CREATE TABLE notes (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL,
  claim_id      bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  parent_id     bigint REFERENCES notes(id),
  thread        text NOT NULL DEFAULT 'CLAIM' CHECK (thread IN ('CLAIM', 'DISPUTE')),
  body          text NOT NULL,
  author_id     bigint NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  edited_at     timestamptz,
  removed_at    timestamptz,
  version       bigint NOT NULL DEFAULT 1
);
CREATE INDEX notes_claim ON notes (claim_id, id);

-- A note edit keeps the earlier body here.
CREATE TABLE note_revisions (
  id            bigserial PRIMARY KEY,
  note_id       bigint NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  workspace_id  bigint NOT NULL,
  body          text NOT NULL,
  edited_at     timestamptz NOT NULL
);
CREATE INDEX note_revisions_note ON note_revisions (note_id, id);

-- Rating scales are versioned: replacing a workspace's scale adds a row, and reviews
-- keep the label and numbers they were given.
CREATE TABLE rating_scales (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  -- [{"label": "...", "ordered": true, "value": 5, "description": "..."}, ...]
  labels        jsonb NOT NULL,
  created_by    bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE workspaces ADD COLUMN rating_scale_id bigint REFERENCES rating_scales(id);

-- One review per reviewer per claim; revisions keep the earlier versions.
CREATE TABLE reviews (
  id              bigserial PRIMARY KEY,
  workspace_id    bigint NOT NULL,
  claim_id        bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  reviewer_id     bigint NOT NULL REFERENCES users(id),
  verdict_label   text NOT NULL,
  verdict_ordered boolean NOT NULL,
  verdict_value   double precision,
  verdict_best    double precision,
  verdict_worst   double precision,
  rationale       text NOT NULL,
  confidence      text NOT NULL CHECK (confidence IN ('LOW', 'MEDIUM', 'HIGH')),
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  version         bigint NOT NULL DEFAULT 1,
  UNIQUE (claim_id, reviewer_id)
);
CREATE INDEX reviews_reviewer ON reviews (workspace_id, reviewer_id);

CREATE TABLE review_revisions (
  id              bigserial PRIMARY KEY,
  review_id       bigint NOT NULL REFERENCES reviews(id) ON DELETE CASCADE,
  workspace_id    bigint NOT NULL,
  verdict_label   text NOT NULL,
  verdict_ordered boolean NOT NULL,
  verdict_value   double precision,
  verdict_best    double precision,
  verdict_worst   double precision,
  rationale       text NOT NULL,
  confidence      text NOT NULL,
  submitted_at    timestamptz NOT NULL
);
CREATE INDEX review_revisions_review ON review_revisions (review_id, id);

CREATE TABLE disputes (
  id              bigserial PRIMARY KEY,
  workspace_id    bigint NOT NULL,
  claim_id        bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  status          text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
  opened_at       timestamptz NOT NULL DEFAULT now(),
  closed_at       timestamptz,
  resolution      text CHECK (resolution IN ('AGREEMENT', 'MAJORITY', 'EDITOR_DECISION', 'WITHDRAWN')),
  decided_by      bigint REFERENCES users(id),
  verdict_label   text,
  verdict_ordered boolean,
  verdict_value   double precision,
  verdict_best    double precision,
  verdict_worst   double precision,
  reasoning       text NOT NULL DEFAULT ''
);
-- At most one open dispute per claim.
CREATE UNIQUE INDEX disputes_one_open ON disputes (claim_id) WHERE status = 'OPEN';
CREATE INDEX disputes_workspace ON disputes (workspace_id, status, opened_at);

-- Changes to published claims, with their reasons.
CREATE TABLE claim_corrections (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL,
  claim_id      bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  reason        text NOT NULL,
  corrected_by  bigint NOT NULL REFERENCES users(id),
  corrected_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claim_corrections_claim ON claim_corrections (claim_id, id);

-- One row per committed mutation; (workspace_id, seq) is gap-free per workspace.
CREATE TABLE events (
  workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  seq           bigint NOT NULL,
  kind          text NOT NULL,
  actor_id      bigint REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  claim_id      bigint,
  -- factdesk.v1.Event, serialized.
  payload       bytea NOT NULL,
  PRIMARY KEY (workspace_id, seq)
);
CREATE INDEX events_claim ON events (claim_id, seq) WHERE claim_id IS NOT NULL;

-- Microseconds since the epoch: how timestamps leave the database (into protobuf Timestamps).
CREATE FUNCTION fd_us(t timestamptz) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (extract(epoch FROM t) * 1000000)::bigint;
