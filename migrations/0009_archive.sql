-- Each workspace's archive of past checks: other fact-checkers' published checks
-- (ClaimReview), keyed by the review's URL so that importing the same feed again updates in
-- place, and the workspace's own published claims (claim_id set), kept here by the claim
-- handlers as they publish, correct or reopen, so one index matches both.
CREATE SEQUENCE archived_check_revisions;

CREATE TABLE archived_checks (
  id             bigserial PRIMARY KEY,
  workspace_id   bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  -- The workspace's own claim this check mirrors; NULL for an imported check.
  claim_id       bigint UNIQUE REFERENCES claims(id) ON DELETE CASCADE,
  -- An imported check's page; an own claim's published page ('' when the workspace has
  -- no claim_url_prefix).
  url            text NOT NULL,
  claim_reviewed text NOT NULL,
  headline       text NOT NULL DEFAULT '',
  author_name    text NOT NULL DEFAULT '',
  author_url     text NOT NULL DEFAULT '',
  date_published text NOT NULL DEFAULT '',
  in_language    text NOT NULL DEFAULT '',
  rating_name    text NOT NULL DEFAULT '',
  rating_value   text NOT NULL DEFAULT '',
  best_rating    text NOT NULL DEFAULT '',
  worst_rating   text NOT NULL DEFAULT '',
  claimant       text NOT NULL DEFAULT '',
  claim_date     text NOT NULL DEFAULT '',
  appearances    text[] NOT NULL DEFAULT '{}',
  imported_by    bigint NOT NULL REFERENCES users(id),
  imported_at    timestamptz NOT NULL DEFAULT now(),
  removed_at     timestamptz,
  -- Increases with every change, so a server's in-memory match index catches up with
  -- one query for the rows past the revision it has.
  revision       bigint NOT NULL DEFAULT nextval('archived_check_revisions')
);

CREATE UNIQUE INDEX archived_checks_by_url ON archived_checks (workspace_id, url)
  WHERE claim_id IS NULL;
CREATE INDEX archived_checks_by_revision ON archived_checks (workspace_id, revision);
