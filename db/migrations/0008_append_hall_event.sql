-- The outbox writer in one round trip: take the event-order lock, then (a new snapshot, so every
-- earlier event's transaction is seen committed) add the family's waiting count if asked, then
-- insert. The lock is held until commit; the fewer round trips under it, the more events a second.
-- The event-order lock, its id in this one place: held while an event row takes its sequence
-- number, until commit, so sequence order is commit order.
CREATE FUNCTION lock_event_order() RETURNS void LANGUAGE sql VOLATILE AS $$ SELECT pg_advisory_xact_lock(727020) $$;
--> statement-breakpoint
-- How many tickets of a family wait: the sum of its family_waiting shards (migration 0006).
CREATE FUNCTION family_waiting_count(family text) RETURNS int LANGUAGE sql STABLE AS $$
  SELECT coalesce(sum(fw.waiting), 0)::int FROM family_waiting fw WHERE fw.family_code = family
$$;
--> statement-breakpoint
CREATE FUNCTION append_hall_event(event_type text, event_payload jsonb, count_family_of int) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
DECLARE family text;
DECLARE waiting int;
BEGIN
  PERFORM lock_event_order();
  IF count_family_of IS NOT NULL THEN
    SELECT s.family_code INTO family FROM services s WHERE s.id = count_family_of;
    waiting := family_waiting_count(family);
    event_payload := event_payload || jsonb_build_object('familyCode', family, 'familyWaiting', waiting);
  END IF;
  INSERT INTO hall_events (type, payload) VALUES (event_type, event_payload);
END $$;
