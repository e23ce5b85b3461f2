CREATE TABLE "family_waiting" (
	"family_code" text NOT NULL,
	"shard" smallint NOT NULL,
	"waiting" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "family_waiting_family_code_shard_pk" PRIMARY KEY("family_code","shard")
);
--> statement-breakpoint
ALTER TABLE "family_waiting" ADD CONSTRAINT "family_waiting_family_code_window_families_code_fk" FOREIGN KEY ("family_code") REFERENCES "public"."window_families"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_line_idx" ON "tickets" USING btree ("service_id","hall_date","queued_at","seq") WHERE "tickets"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "tickets_line_special_idx" ON "tickets" USING btree ("service_id","hall_date") WHERE "tickets"."status" = 'waiting' and ("tickets"."priority" or "tickets"."channel" = 'appointment' or "tickets"."window_id" is not null or "tickets"."assigned_account_id" is not null);--> statement-breakpoint
-- Adds to the family's shard of this connection (16 shards): concurrent changes in one family
-- rarely wait on each other's row.
CREATE FUNCTION family_waiting_add(family text, delta int) RETURNS void LANGUAGE sql AS $$
  INSERT INTO family_waiting (family_code, shard, waiting) VALUES (family, pg_backend_pid() % 16, delta)
  ON CONFLICT (family_code, shard) DO UPDATE SET waiting = family_waiting.waiting + delta
$$;
--> statement-breakpoint
-- The count follows every change of a ticket's status or service, in the changing transaction.
CREATE FUNCTION tickets_family_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'waiting'
     AND NOT (TG_OP = 'UPDATE' AND NEW.status = 'waiting' AND NEW.service_id = OLD.service_id) THEN
    PERFORM family_waiting_add(s.family_code, -1) FROM services s WHERE s.id = OLD.service_id;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'waiting'
     AND NOT (TG_OP = 'UPDATE' AND OLD.status = 'waiting' AND NEW.service_id = OLD.service_id) THEN
    PERFORM family_waiting_add(s.family_code, 1) FROM services s WHERE s.id = NEW.service_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tickets_family_waiting_trg AFTER INSERT OR DELETE OR UPDATE OF status, service_id ON tickets
  FOR EACH ROW EXECUTE FUNCTION tickets_family_waiting();
--> statement-breakpoint
CREATE FUNCTION tickets_truncated_family_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM family_waiting;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tickets_truncated_family_waiting_trg AFTER TRUNCATE ON tickets
  FOR EACH STATEMENT EXECUTE FUNCTION tickets_truncated_family_waiting();
--> statement-breakpoint
-- A service moved to another family takes its waiting tickets' count along.
CREATE FUNCTION services_family_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE moved int;
BEGIN
  IF NEW.family_code IS DISTINCT FROM OLD.family_code THEN
    SELECT count(*) INTO moved FROM tickets WHERE service_id = NEW.id AND status = 'waiting';
    IF moved > 0 THEN
      PERFORM family_waiting_add(OLD.family_code, -moved);
      PERFORM family_waiting_add(NEW.family_code, moved);
    END IF;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER services_family_waiting_trg AFTER UPDATE OF family_code ON services
  FOR EACH ROW EXECUTE FUNCTION services_family_waiting();
--> statement-breakpoint
INSERT INTO family_waiting (family_code, shard, waiting)
SELECT s.family_code, 0, count(*)::int FROM tickets t JOIN services s ON s.id = t.service_id WHERE t.status = 'waiting' GROUP BY s.family_code;
