-- "Checked before?": the past checks the server found for each newly marked claim, and the
-- one a checker linked it to ("same claim as ...", or what a duplicate dismissal names).

-- A claim links to at most one earlier check: an archived check (imported, or the mirror of
-- one of the workspace's own published claims) or another claim of the workspace.
ALTER TABLE claims
  ADD COLUMN linked_check_id bigint REFERENCES archived_checks(id) ON DELETE SET NULL,
  ADD COLUMN linked_claim_id bigint REFERENCES claims(id) ON DELETE SET NULL,
  ADD COLUMN linked_by bigint REFERENCES users(id),
  ADD COLUMN linked_at timestamptz,
  ADD CONSTRAINT claims_one_link CHECK (linked_check_id IS NULL OR linked_claim_id IS NULL),
  ADD CONSTRAINT claims_not_linked_to_self CHECK (linked_claim_id <> id);

-- Claims waiting to be matched (one row each), taken by the match workers of any replica
-- with FOR UPDATE SKIP LOCKED and a lease, so a crash or a second replica neither loses
-- nor doubles the work.
CREATE TABLE claim_match_queue (
  claim_id     bigint PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
  workspace_id bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  queued_at    timestamptz NOT NULL DEFAULT now(),
  lease_until  timestamptz,
  attempts     integer NOT NULL DEFAULT 0
);
CREATE INDEX claim_match_queue_due ON claim_match_queue (lease_until NULLS FIRST, queued_at);

-- The matches found, best first (rank 1), with the matcher's score.
CREATE TABLE claim_matches (
  claim_id  bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  check_id  bigint NOT NULL REFERENCES archived_checks(id) ON DELETE CASCADE,
  rank      integer NOT NULL,
  score     double precision NOT NULL,
  PRIMARY KEY (claim_id, check_id)
);

-- When each claim was matched (absent: not yet).
ALTER TABLE claims ADD COLUMN matched_at timestamptz;
