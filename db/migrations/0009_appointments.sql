CREATE TYPE "public"."waitlist_status" AS ENUM('waiting', 'offered', 'booked', 'expired', 'left');--> statement-breakpoint
CREATE TABLE "appointment_material_ticks" (
	"appointment_id" uuid NOT NULL,
	"material_id" integer NOT NULL,
	"ticked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_material_ticks_appointment_id_material_id_pk" PRIMARY KEY("appointment_id","material_id")
);
--> statement-breakpoint
CREATE TABLE "appointment_rules" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"horizon_days" smallint DEFAULT 14 NOT NULL,
	"min_lead_minutes" smallint DEFAULT 30 NOT NULL,
	"cancel_cutoff_minutes" smallint DEFAULT 120 NOT NULL,
	"max_active_per_person" smallint DEFAULT 3 NOT NULL,
	"per_window_capacity" smallint DEFAULT 1 NOT NULL,
	"waitlist_hold_minutes" smallint DEFAULT 15 NOT NULL,
	"check_in_early_minutes" smallint DEFAULT 15 NOT NULL,
	"check_in_late_minutes" smallint DEFAULT 10 NOT NULL,
	"no_show_limit" smallint DEFAULT 3 NOT NULL,
	"no_show_window_days" smallint DEFAULT 30 NOT NULL,
	"suspension_days" smallint DEFAULT 14 NOT NULL,
	"reminder_minutes" smallint[] DEFAULT '{1440,60}'::smallint[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_rules_one_row_chk" CHECK ("appointment_rules"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "appointment_slots" (
	"service_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"hall_date" date NOT NULL,
	"capacity" smallint NOT NULL,
	"taken" smallint DEFAULT 0 NOT NULL,
	"withdrawn" boolean DEFAULT false NOT NULL,
	CONSTRAINT "appointment_slots_service_id_starts_at_pk" PRIMARY KEY("service_id","starts_at"),
	CONSTRAINT "appointment_slots_taken_chk" CHECK ("appointment_slots"."taken" >= 0 and "appointment_slots"."capacity" >= 0),
	CONSTRAINT "appointment_slots_span_chk" CHECK ("appointment_slots"."starts_at" < "appointment_slots"."ends_at")
);
--> statement-breakpoint
CREATE TABLE "appointment_waitlist" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"person_id" integer NOT NULL,
	"status" "waitlist_status" DEFAULT 'waiting' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"offered_at" timestamp with time zone,
	"offer_expires_at" timestamp with time zone,
	"appointment_id" uuid
);
--> statement-breakpoint
CREATE TABLE "appointment_walk_in_reserves" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer,
	"day_part" text NOT NULL,
	"seats" smallint NOT NULL,
	CONSTRAINT "appointment_walk_in_reserves_uniq" UNIQUE NULLS NOT DISTINCT("service_id","day_part"),
	CONSTRAINT "appointment_walk_in_reserves_part_chk" CHECK ("appointment_walk_in_reserves"."day_part" in ('morning', 'afternoon')),
	CONSTRAINT "appointment_walk_in_reserves_seats_chk" CHECK ("appointment_walk_in_reserves"."seats" >= 0)
);
--> statement-breakpoint
CREATE TABLE "booking_suspensions" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason_zh" text NOT NULL,
	"reason_en" text NOT NULL,
	"appointment_ids" uuid[] NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" integer
);
--> statement-breakpoint
ALTER TABLE "appointment_capacity" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "appointment_capacity" CASCADE;--> statement-breakpoint
DROP INDEX "appointments_one_live_idx";--> statement-breakpoint
DROP INDEX "appointments_code_idx";--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "slot_minutes" smallint;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "per_window_capacity" smallint;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "rescheduled_from_id" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "booked_by_account_id" integer;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "appointment_material_ticks" ADD CONSTRAINT "appointment_material_ticks_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_material_ticks" ADD CONSTRAINT "appointment_material_ticks_material_id_service_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."service_materials"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_waitlist" ADD CONSTRAINT "appointment_waitlist_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_waitlist" ADD CONSTRAINT "appointment_waitlist_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_waitlist" ADD CONSTRAINT "appointment_waitlist_service_id_slot_start_appointment_slots_service_id_starts_at_fk" FOREIGN KEY ("service_id","slot_start") REFERENCES "public"."appointment_slots"("service_id","starts_at") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_walk_in_reserves" ADD CONSTRAINT "appointment_walk_in_reserves_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_suspensions" ADD CONSTRAINT "booking_suspensions_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "booking_suspensions" ADD CONSTRAINT "booking_suspensions_lifted_by_accounts_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_slots_day_idx" ON "appointment_slots" USING btree ("service_id","hall_date");--> statement-breakpoint
CREATE INDEX "appointment_waitlist_slot_idx" ON "appointment_waitlist" USING btree ("service_id","slot_start","id") WHERE "appointment_waitlist"."status" in ('waiting', 'offered');--> statement-breakpoint
CREATE UNIQUE INDEX "appointment_waitlist_one_idx" ON "appointment_waitlist" USING btree ("person_id","service_id","slot_start") WHERE "appointment_waitlist"."status" in ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX "appointment_waitlist_offers_idx" ON "appointment_waitlist" USING btree ("offer_expires_at") WHERE "appointment_waitlist"."status" = 'offered';--> statement-breakpoint
CREATE INDEX "booking_suspensions_person_idx" ON "booking_suspensions" USING btree ("person_id","ends_at");--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_rescheduled_from_id_appointments_id_fk" FOREIGN KEY ("rescheduled_from_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_booked_by_account_id_accounts_id_fk" FOREIGN KEY ("booked_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointments_due_idx" ON "appointments" USING btree ("slot_start") WHERE "appointments"."status" = 'booked';--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_live_idx" ON "appointments" USING btree ("person_id","service_id") WHERE "appointments"."status" in ('booked', 'checked_in');--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_code_idx" ON "appointments" USING btree ("check_in_code") WHERE "appointments"."status" in ('booked', 'checked_in');--> statement-breakpoint
-- The hall's booking rules: one row, the defaults until an admin changes them.
INSERT INTO "appointment_rules" ("id") VALUES (1) ON CONFLICT DO NOTHING;
