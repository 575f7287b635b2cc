-- Outbound webhooks (issue 11): hooks per workspace, the deliveries they are owed and
-- every attempt at one. A worker follows each workspace's event log with a cursor per
-- hook (webhooks.cursor_seq) and writes the deliveries; senders on any replica claim
-- due deliveries with FOR UPDATE SKIP LOCKED and a lease (next_attempt_at moved ahead).
CREATE TABLE webhooks (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  url           text NOT NULL CHECK (url ~ '^https?://'),
  -- The event names the hook asked for ("published", "corrected", ...).
  events        text[] NOT NULL CHECK (cardinality(events) > 0),
  -- Kept readable: it signs every body. Shown once, when the hook is added.
  secret        text NOT NULL CHECK (length(secret) >= 32),
  created_by    bigint NOT NULL REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  -- The workspace seq up to which events have been turned into deliveries.
  cursor_seq    bigint NOT NULL CHECK (cursor_seq >= 0),
  removed_at    timestamptz
);
CREATE INDEX webhooks_live ON webhooks (workspace_id, id) WHERE removed_at IS NULL;

CREATE TABLE webhook_deliveries (
  id              bigserial PRIMARY KEY,
  workspace_id    bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  webhook_id      bigint NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  -- Sent in every attempt's headers, so a receiver drops repeats.
  delivery_uid    text NOT NULL UNIQUE,
  event_name      text NOT NULL,
  -- 0 for a test delivery (`webhook test`), which follows no event.
  event_seq       bigint NOT NULL CHECK (event_seq >= 0),
  claim_id        bigint,
  -- The exact bytes every attempt sends.
  body            text NOT NULL,
  state           text NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  -- When the next attempt is due; while one runs, the end of its lease.
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  finished_at     timestamptz,
  last_http_status integer,
  last_error      text
);
-- One delivery per hook and event, however many replicas follow the log.
CREATE UNIQUE INDEX webhook_deliveries_once ON webhook_deliveries (webhook_id, event_seq)
  WHERE event_seq > 0;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE state = 'pending';
CREATE INDEX webhook_deliveries_of_hook ON webhook_deliveries (webhook_id, id);

CREATE TABLE webhook_attempts (
  id            bigserial PRIMARY KEY,
  workspace_id  bigint NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
  delivery_id   bigint NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
  attempt       integer NOT NULL,
  attempted_at  timestamptz NOT NULL DEFAULT now(),
  http_status   integer,
  error         text,
  duration_ms   integer NOT NULL
);
CREATE INDEX webhook_attempts_of_delivery ON webhook_attempts (delivery_id, id);
