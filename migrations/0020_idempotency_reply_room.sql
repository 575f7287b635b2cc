-- Room on each page for the replies stored under idempotency keys (issue 18). A
-- mutation inserts its key's row with no reply, and stores the reply, a few times the
-- row's size, in the same transaction. PostgreSQL updates a row in place (a heap-only
-- tuple, no new index entries) only when its page has room for the new version; on
-- full pages none had, so every mutation also wrote both of the table's indexes again
-- (0 of 9,825 updates in place in a write_throughput run; all of them with this).
-- Inserts now fill a fifth of a page and the replies the rest. The rows expire after a
-- day (the sweep in idempotency.claim), so the table stays small all the same.
ALTER TABLE idempotency_keys SET (fillfactor = 20);
