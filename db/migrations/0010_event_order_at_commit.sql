ALTER TABLE "hall_events" ADD COLUMN "count_family_of" integer;--> statement-breakpoint
-- An event takes its place in the sequence at commit, not when it is written: a deferred trigger
-- takes the event-order lock inside COMMIT itself and gives the row its number, so the lock is
-- held for the trigger and the commit's WAL flush only. Before, it was taken by the writing
-- statement and held across the round trips back to the application and the COMMIT that
-- followed (several milliseconds under load): every ticket issued or called in the hall waited
-- in one line for it. Sequence order is still commit order.
-- Until then a row carries a negative draft number, seen by nobody but its own transaction.
CREATE SEQUENCE "hall_events_draft_seq";
--> statement-breakpoint
ALTER TABLE "hall_events" ALTER COLUMN "seq" SET DEFAULT -nextval('hall_events_draft_seq');
--> statement-breakpoint
CREATE FUNCTION hall_events_take_place() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE family text;
DECLARE extra jsonb := '{}'::jsonb;
BEGIN
  PERFORM lock_event_order();
  IF NEW.count_family_of IS NOT NULL THEN
    -- A new snapshot under the lock: every earlier event's transaction is seen committed, and
    -- this one's own changes, so the count is the one the event's readers will find.
    SELECT s.family_code INTO family FROM services s WHERE s.id = NEW.count_family_of;
    extra := jsonb_build_object('familyCode', family, 'familyWaiting', family_waiting_count(family));
  END IF;
  UPDATE hall_events SET seq = nextval('hall_events_seq_seq'), payload = payload || extra, count_family_of = NULL
  WHERE seq = NEW.seq;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER hall_events_take_place_trg AFTER INSERT ON hall_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION hall_events_take_place();
--> statement-breakpoint
-- The writer is a plain insert now; the name stays for the callers.
CREATE OR REPLACE FUNCTION append_hall_event(event_type text, event_payload jsonb, count_family_of int) RETURNS void
LANGUAGE sql VOLATILE AS $$
  INSERT INTO hall_events (type, payload, count_family_of) VALUES (event_type, event_payload, count_family_of)
$$;
