#pragma once

// The workspace lock's key as SQL arguments to pg_advisory_xact_lock(_shared), for the
// workspace whose id is the SQL expression `id`: a class of its own ("WSEQ"; the
// archive's lock has another), and the id. One definition, so that the statements that
// take it (events.take_seq, events.share_workspace, claims.place_for_change,
// transcripts.segment_sharing_workspace) take the same lock.
#define FD_WORKSPACE_LOCK_KEY(id) "1465074001, ((" id ")::bigint % 2147483647)::int"
