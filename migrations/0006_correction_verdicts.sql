-- A correction that changed the verdict keeps the verdict it replaced, so exports can say
-- "Corrected on DATE: reason (earlier verdict: X)". Empty when the verdict stayed.
ALTER TABLE claim_corrections ADD COLUMN earlier_verdict text NOT NULL DEFAULT '';
