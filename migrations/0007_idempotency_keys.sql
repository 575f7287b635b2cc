-- Idempotency keys: a client sends one key per user action (metadata "idempotency-key")
-- and the same key with every retry of it. The key is claimed in the transaction that
-- makes the change and holds the response it got, so a retry after a timeout or a
-- failover returns that response instead of making the change twice.
-- Keys are scoped to their user (keys are random, so one user's keys never collide
-- with another's); the request's fingerprint (method and body, which names the
-- workspace) tells a retry from a different request reusing the key.
-- A key lasts 24 hours: far beyond any client's retries (seconds to minutes), short
-- enough that the table stays small. Every mutation deletes up to 100 expired keys
-- (the oldest first, skipping rows others hold), so no background job is needed.
CREATE TABLE idempotency_keys (
  user_id       bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  key           text NOT NULL,
  method        text NOT NULL,
  fingerprint   bytea NOT NULL,
  workspace_id  bigint REFERENCES workspaces(id) ON DELETE CASCADE,
  response      bytea,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
