-- API tokens expire (factdesk-server admin issue-token --expires-in, 90 days by default).
-- Tokens issued before expiry existed get 90 days from the upgrade, so nobody is locked
-- out by it; revoking one still ends it at once.
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
UPDATE api_tokens SET expires_at = greatest(created_at, now()) + interval '90 days';
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_expire_after_creation
  CHECK (expires_at > created_at);
CREATE INDEX api_tokens_user ON api_tokens (user_id, id);
