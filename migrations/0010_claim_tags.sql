-- Claim tags and search over claims (issue 15).

-- A claim's topic tags: lowercase slugs (domain/claim_tags.h states the rule; the CHECK
-- refuses what a bug would write). Tags are rows, not an array on claims, so counting
-- claims per tag and filtering by one use an index, and tagging never rewrites the claim.
CREATE TABLE claim_tags (
  claim_id      bigint NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
  workspace_id  bigint NOT NULL,
  tag           text NOT NULL CHECK (tag ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(tag) <= 32),
  tagged_by     bigint NOT NULL REFERENCES users(id),
  tagged_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (claim_id, tag)
);
CREATE INDEX claim_tags_workspace ON claim_tags (workspace_id, tag);

-- Search over claims (store/claim_search_store.cc) matches each field on its own, so a
-- hit can say which field matched and show a snippet of it. Expression indexes rather
-- than stored tsvector columns: the claims, reviews, notes and sources tables are not
-- rewritten, and the search names the same expressions. Text is folded as transcript
-- search folds it (fd_match_text, migration 0005).
CREATE INDEX claims_quote_fts ON claims
  USING gin (to_tsvector('english', fd_match_text(quote)));
CREATE INDEX claims_summary_fts ON claims
  USING gin (to_tsvector('english', fd_match_text(summary)));
CREATE INDEX reviews_rationale_fts ON reviews
  USING gin (to_tsvector('english', fd_match_text(rationale)));
CREATE INDEX notes_body_fts ON notes
  USING gin (to_tsvector('english', fd_match_text(body))) WHERE removed_at IS NULL;
CREATE INDEX sources_title_fts ON sources
  USING gin (to_tsvector('english', fd_match_text(title))) WHERE removed_at IS NULL;
-- The date filter of a search, and a workspace's claims in the order they were marked.
CREATE INDEX claims_workspace_created ON claims (workspace_id, created_at);
