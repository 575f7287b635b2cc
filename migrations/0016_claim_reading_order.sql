-- Claims in reading order (issue 18): ListClaims pages by (transcript, segment ordinal,
-- start byte, id), the order of the text. The ordinal lived only on segments, so every
-- page joined and sorted all of a workspace's claims to find its first row (a desk's
-- 10,000 claims: ten sorts of 10,000 rows for ten pages). A claim never changes segment
-- and a segment never changes ordinal, so the claim keeps its segment's ordinal from its
-- INSERT on (claims.insert reads it there), and one index serves both the order and the
-- page's starting point.
ALTER TABLE claims ADD COLUMN segment_ordinal integer;
UPDATE claims c SET segment_ordinal = s.ordinal FROM segments s WHERE s.id = c.segment_id;
ALTER TABLE claims ALTER COLUMN segment_ordinal SET NOT NULL;
CREATE INDEX claims_reading_order
  ON claims (workspace_id, transcript_id, segment_ordinal, start_byte, id);
