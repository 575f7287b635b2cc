-- Claims in reading order (issue 18): ListClaims pages by (transcript, segment ordinal,
-- start byte, id), the order of the text. The ordinal lived only on segments, so every
-- page joined and sorted all of a workspace's claims to find its first row (a desk's
-- 10,000 claims: ten sorts of 10,000 rows for ten pages). A claim keeps its segment's
-- ordinal, and one index serves both the order and the page's starting point. The
-- database sets it from the segment (a segment never changes ordinal), so no writer
-- supplies it or can get it wrong.
ALTER TABLE claims ADD COLUMN segment_ordinal integer;
UPDATE claims c SET segment_ordinal = s.ordinal FROM segments s WHERE s.id = c.segment_id;
ALTER TABLE claims ALTER COLUMN segment_ordinal SET NOT NULL;
CREATE INDEX claims_reading_order
  ON claims (workspace_id, transcript_id, segment_ordinal, start_byte, id);

CREATE FUNCTION fd_claim_segment_ordinal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT ordinal INTO NEW.segment_ordinal FROM segments WHERE id = NEW.segment_id;
  RETURN NEW;
END $$;
CREATE TRIGGER claims_segment_ordinal BEFORE INSERT OR UPDATE OF segment_id ON claims
  FOR EACH ROW EXECUTE FUNCTION fd_claim_segment_ordinal();
