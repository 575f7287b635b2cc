-- An event's kind is the stable name of a factdesk.v1.EventKind, "<record>.<what happened>"
-- ("source.added"; events/event_kind.cc maps names and kinds). Rows written before
-- EventKind already hold these names and read unchanged. The check refuses anything of
-- another shape (an empty kind from an event built without one, a number, capitals);
-- it does not list the kinds, so a new kind needs no migration.
ALTER TABLE events ADD CONSTRAINT events_kind_is_a_name
  CHECK (kind ~ '^[a-z]+\.[a-z]+(_[a-z]+)*$');
