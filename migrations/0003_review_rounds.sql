-- Review rounds (domain/blind_rule.h): a claim's reviews go in rounds, 1 from marking and
-- one more at each reopening; a review belongs to the round it was last submitted or
-- revised in. The blind rule lets a checker see others' reviews only once they have
-- reviewed in the claim's current round.
ALTER TABLE claims ADD COLUMN review_round integer NOT NULL DEFAULT 1 CHECK (review_round >= 1);
ALTER TABLE reviews ADD COLUMN round integer NOT NULL DEFAULT 1 CHECK (round >= 1);

-- Claims reopened before rounds were recorded: their reopenings are in the event log.
UPDATE claims c SET review_round = 1 + r.reopenings
FROM (SELECT claim_id, count(*) AS reopenings FROM events
      WHERE kind = 'claim.reopened' AND claim_id IS NOT NULL GROUP BY claim_id) r
WHERE r.claim_id = c.id;

-- A review's round: the reopenings of its claim before the reviewer's last submission.
UPDATE reviews v SET round = 1 + (
  SELECT count(*) FROM events e
  WHERE e.claim_id = v.claim_id AND e.kind = 'claim.reopened'
    AND e.seq < (SELECT max(s.seq) FROM events s
                 WHERE s.claim_id = v.claim_id AND s.actor_id = v.reviewer_id
                   AND s.kind IN ('review.submitted', 'review.revised')))
WHERE v.claim_id IN (SELECT claim_id FROM events WHERE kind = 'claim.reopened');
