-- write_throughput's raw baseline: what Factdesk writes for CreateClaim, AddNote and
-- SubmitReview (a first review), in turn, one mutation per transaction; pgbench -D sets
-- ws, transcript, seg_lo, seg_hi, user and n = 0 (n counts this client's transactions).
-- The statements are those the server sends (read off log_statement = all; the server's
-- reads - authorization, the records read back for the reply and the event - are left
-- out: they are the server's cost, counted against it), with the response stored under
-- the key, the seq, the event row and its NOTIFY as one statement, last before COMMIT.
-- Payloads are 160 bytes, as a claim's.
\set op :n % 3
\set n :n + 1
\set key random(1, 1000000000000000)
\if :op = 0
\set seg random(:seg_lo, :seg_hi)
BEGIN;
WITH swept AS (DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() AND NOT (user_id = :user AND key = 'pgb-' || :key) ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)) INSERT INTO idempotency_keys (user_id, key, method, fingerprint, expires_at) VALUES (:user, 'pgb-' || :key, 'CreateClaim', sha256(decode(md5('pgb-' || :key), 'hex')), now() + interval '24 hours') ON CONFLICT (user_id, key) DO UPDATE SET method = EXCLUDED.method, fingerprint = EXCLUDED.fingerprint, expires_at = EXCLUDED.expires_at, workspace_id = NULL, response = NULL, created_at = now() WHERE idempotency_keys.expires_at < now() RETURNING user_id;
WITH c AS (INSERT INTO claims (workspace_id, transcript_id, segment_id, start_byte, end_byte, quote, prefix, suffix, summary, claimant, created_by) VALUES (:ws, :transcript, :seg, 0, 20, 'The budget grew by 3', '', ' percent last year and', 'The budget grew by 3', 'SPEAKER', :user) RETURNING id, workspace_id), q AS (INSERT INTO claim_match_queue (claim_id, workspace_id) SELECT id, workspace_id FROM c) SELECT id AS claim FROM c \gset
WITH r AS (UPDATE idempotency_keys SET response = decode(repeat('ab', 160), 'hex'), workspace_id = :ws WHERE user_id = :user AND key = 'pgb-' || :key), s AS (UPDATE workspace_seqs SET last_seq = last_seq + 1 WHERE workspace_id = :ws RETURNING last_seq), e AS (INSERT INTO events (workspace_id, seq, kind, actor_id, claim_id, payload) SELECT :ws, last_seq, 'claim.created', :user, :claim, decode(repeat('ab', 160), 'hex') FROM s RETURNING seq) SELECT seq, pg_notify('factdesk_events', :ws || ':' || seq || ':' || 'claim.created') FROM e;
COMMIT;
\elif :op = 1
BEGIN;
WITH swept AS (DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() AND NOT (user_id = :user AND key = 'pgb-' || :key) ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)) INSERT INTO idempotency_keys (user_id, key, method, fingerprint, expires_at) VALUES (:user, 'pgb-' || :key, 'AddNote', sha256(decode(md5('pgb-' || :key), 'hex')), now() + interval '24 hours') ON CONFLICT (user_id, key) DO UPDATE SET method = EXCLUDED.method, fingerprint = EXCLUDED.fingerprint, expires_at = EXCLUDED.expires_at, workspace_id = NULL, response = NULL, created_at = now() WHERE idempotency_keys.expires_at < now() RETURNING user_id;
SELECT FROM claims WHERE id = :claim FOR UPDATE;
INSERT INTO notes (workspace_id, claim_id, parent_id, thread, body, author_id) VALUES (:ws, :claim, NULL, 'CLAIM', 'The quoted figure matches the 2015 annual report, table 3.', :user) RETURNING id;
WITH r AS (UPDATE idempotency_keys SET response = decode(repeat('ab', 160), 'hex'), workspace_id = :ws WHERE user_id = :user AND key = 'pgb-' || :key), s AS (UPDATE workspace_seqs SET last_seq = last_seq + 1 WHERE workspace_id = :ws RETURNING last_seq), e AS (INSERT INTO events (workspace_id, seq, kind, actor_id, claim_id, payload) SELECT :ws, last_seq, 'note.added', :user, :claim, decode(repeat('ab', 160), 'hex') FROM s RETURNING seq) SELECT seq, pg_notify('factdesk_events', :ws || ':' || seq || ':' || 'note.added') FROM e;
COMMIT;
\else
BEGIN;
WITH swept AS (DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at < now() AND NOT (user_id = :user AND key = 'pgb-' || :key) ORDER BY expires_at LIMIT 100 FOR UPDATE SKIP LOCKED)) INSERT INTO idempotency_keys (user_id, key, method, fingerprint, expires_at) VALUES (:user, 'pgb-' || :key, 'SubmitReview', sha256(decode(md5('pgb-' || :key), 'hex')), now() + interval '24 hours') ON CONFLICT (user_id, key) DO UPDATE SET method = EXCLUDED.method, fingerprint = EXCLUDED.fingerprint, expires_at = EXCLUDED.expires_at, workspace_id = NULL, response = NULL, created_at = now() WHERE idempotency_keys.expires_at < now() RETURNING user_id;
SELECT FROM claims WHERE id = :claim FOR UPDATE;
INSERT INTO reviews (workspace_id, claim_id, reviewer_id, verdict_label, verdict_ordered, verdict_value, verdict_best, verdict_worst, rationale, confidence, round) VALUES (:ws, :claim, :user, 'Mostly true', true, 4, 5, 1, 'The report''s figure is close enough; the rounding is fair.', 'MEDIUM', (SELECT review_round FROM claims WHERE id = :claim)) RETURNING id;
UPDATE claims SET status = 'IN_REVIEW', status_reason = 'waiting for 1 more independent review', version = version + 1, updated_at = now() WHERE id = :claim;
WITH r AS (UPDATE idempotency_keys SET response = decode(repeat('ab', 160), 'hex'), workspace_id = :ws WHERE user_id = :user AND key = 'pgb-' || :key), s AS (UPDATE workspace_seqs SET last_seq = last_seq + 1 WHERE workspace_id = :ws RETURNING last_seq), e AS (INSERT INTO events (workspace_id, seq, kind, actor_id, claim_id, payload) SELECT :ws, last_seq, 'review.submitted', :user, :claim, decode(repeat('ab', 160), 'hex') FROM s RETURNING seq) SELECT seq, pg_notify('factdesk_events', :ws || ':' || seq || ':' || 'review.submitted') FROM e;
COMMIT;
\endif
