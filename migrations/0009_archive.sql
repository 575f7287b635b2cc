-- Each workspace's archive of other fact-checkers' published checks (ClaimReview), keyed by
-- the review's URL so that importing the same feed again updates in place.
CREATE SEQUENCE archived_check_revisions;

CREATE TABLE archived_checks (
  id             bigserial PRIMARY KEY,
  workspace_id   bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
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
  revision       bigint NOT NULL DEFAULT nextval('archived_check_revisions'),
  UNIQUE (workspace_id, url)
);

CREATE INDEX archived_checks_by_revision ON archived_checks (workspace_id, revision);
