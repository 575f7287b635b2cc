-- A workspace's event counter in a table of its own, so the row every mutation updates is
-- not the row every mutation's foreign keys lock. Each INSERT of a claim, note, review or
-- event checks its workspace_id by share-locking the workspace's row (FOR KEY SHARE);
-- while another transaction held that row to take the next seq, PostgreSQL recorded both
-- in a MultiXact on each new version of the row, and every reader of the row then looked
-- up those MultiXacts along its chain of dead versions. Under steady writes into one
-- workspace that chain, and the MultiXact lookups leaving the shared buffers, grew without
-- bound: writes slowed by half within a minute. Nothing references this table, and the
-- workspaces row is now updated only when its settings change.
CREATE TABLE workspace_seqs (
  workspace_id  bigint PRIMARY KEY REFERENCES workspaces(id) ON DELETE CASCADE,
  -- The newest event's sequence number; the row lock on it orders a workspace's commits.
  last_seq      bigint NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
);

INSERT INTO workspace_seqs (workspace_id, last_seq) SELECT id, last_seq FROM workspaces;

ALTER TABLE workspaces DROP COLUMN last_seq;

-- Every workspace has its counter from the moment it exists, whoever inserts it.
CREATE FUNCTION fd_workspace_seq_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO workspace_seqs (workspace_id) VALUES (NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER workspaces_seq_row AFTER INSERT ON workspaces
  FOR EACH ROW EXECUTE FUNCTION fd_workspace_seq_row();
