CREATE TYPE "public"."applicant_type" AS ENUM('student', 'staff', 'anyone');--> statement-breakpoint
CREATE TYPE "public"."appointment_status" AS ENUM('booked', 'checked_in', 'served', 'cancelled', 'no_show', 'expired');--> statement-breakpoint
CREATE TYPE "public"."building_kind" AS ENUM('dorm', 'library', 'teaching', 'office', 'other');--> statement-breakpoint
CREATE TYPE "public"."card_event_type" AS ENUM('issued', 'reported_lost', 'unfrozen', 'replaced', 'password_reset', 'extended', 'expired', 'closed', 'balance_moved');--> statement-breakpoint
CREATE TYPE "public"."card_status" AS ENUM('active', 'lost', 'replaced', 'expired', 'closed');--> statement-breakpoint
CREATE TYPE "public"."card_type_code" AS ENUM('staff', 'student', 'graduate', 'general', 'consumption', 'alumni', 'canteen');--> statement-breakpoint
CREATE TYPE "public"."controller_status" AS ENUM('active', 'disabled');--> statement-breakpoint
CREATE TYPE "public"."device_kind" AS ENUM('kiosk', 'display');--> statement-breakpoint
CREATE TYPE "public"."door_kind" AS ENUM('entrance', 'room', 'gate');--> statement-breakpoint
CREATE TYPE "public"."grant_status" AS ENUM('pending', 'granted', 'revoke_pending', 'revoked', 'failed');--> statement-breakpoint
CREATE TYPE "public"."material_kind" AS ENUM('original', 'copy', 'form', 'other');--> statement-breakpoint
CREATE TYPE "public"."person_kind" AS ENUM('student', 'staff', 'other');--> statement-breakpoint
CREATE TYPE "public"."person_status" AS ENUM('active', 'suspended', 'graduated', 'departed');--> statement-breakpoint
CREATE TYPE "public"."photo_status" AS ENUM('pending', 'accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('student', 'staff', 'clerk', 'card_clerk', 'lock_clerk', 'admin');--> statement-breakpoint
CREATE TYPE "public"."ticket_channel" AS ENUM('kiosk', 'online', 'appointment', 'transfer');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('waiting', 'called', 'serving', 'parked', 'done', 'materials_missing', 'referred', 'no_show', 'cancelled', 'transferred', 'expired');--> statement-breakpoint
CREATE TYPE "public"."window_session_status" AS ENUM('open', 'paused', 'closed');--> statement-breakpoint
CREATE TYPE "public"."window_status" AS ENUM('active', 'suspended', 'retired');--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"parent_id" integer,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"phones" text[] DEFAULT '{}' NOT NULL,
	"address" text,
	"website" text,
	CONSTRAINT "departments_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "window_closures" (
	"id" serial PRIMARY KEY NOT NULL,
	"window_id" integer,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"reason_zh" text NOT NULL,
	"reason_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "window_closures_uniq" UNIQUE NULLS NOT DISTINCT("window_id","starts_on","ends_on"),
	CONSTRAINT "window_closures_span_chk" CHECK ("window_closures"."starts_on" <= "window_closures"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "window_families" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"ticket_prefix" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "window_families_ticket_prefix_unique" UNIQUE("ticket_prefix"),
	CONSTRAINT "window_families_prefix_chk" CHECK ("window_families"."ticket_prefix" ~ '^[A-Z]$')
);
--> statement-breakpoint
CREATE TABLE "window_hours" (
	"id" serial PRIMARY KEY NOT NULL,
	"window_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"opens" time NOT NULL,
	"closes" time NOT NULL,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "window_hours_weekday_chk" CHECK ("window_hours"."weekday" between 1 and 7),
	CONSTRAINT "window_hours_span_chk" CHECK ("window_hours"."opens" < "window_hours"."closes")
);
--> statement-breakpoint
CREATE TABLE "windows" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" smallint NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"family_code" text NOT NULL,
	"department_id" integer NOT NULL,
	"phone" text,
	"location" text,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"hours_note_zh" text,
	"hours_note_en" text,
	"status" "window_status" DEFAULT 'active' NOT NULL,
	CONSTRAINT "windows_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "self_service_machines" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"location_zh" text,
	"location_en" text,
	"instructions_zh" text[] NOT NULL,
	"instructions_en" text[] NOT NULL,
	"functions" jsonb NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "self_service_machines_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "service_links" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"label_zh" text NOT NULL,
	"label_en" text NOT NULL,
	"url" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_materials" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" "material_kind" NOT NULL,
	"form_url" text,
	"required" boolean DEFAULT true NOT NULL,
	"applicant_type" "applicant_type" DEFAULT 'anyone' NOT NULL,
	"note_zh" text,
	"note_en" text
);
--> statement-breakpoint
CREATE TABLE "service_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"position" smallint NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text NOT NULL,
	"applicant_type" "applicant_type" DEFAULT 'anyone' NOT NULL,
	"flow_zh" text,
	"flow_en" text
);
--> statement-breakpoint
CREATE TABLE "service_windows" (
	"service_id" integer NOT NULL,
	"window_id" integer NOT NULL,
	CONSTRAINT "service_windows_service_id_window_id_pk" PRIMARY KEY("service_id","window_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"family_code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"description_zh" text DEFAULT '' NOT NULL,
	"description_en" text DEFAULT '' NOT NULL,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"fee_fen" integer DEFAULT 0 NOT NULL,
	"fee_note_zh" text,
	"fee_note_en" text,
	"department_id" integer,
	"online_alt_zh" text,
	"online_alt_en" text,
	"online_alt_url" text,
	"appointment_enabled" boolean DEFAULT false NOT NULL,
	"handling_minutes" smallint DEFAULT 10 NOT NULL,
	"daily_cap" integer,
	"priority_run" smallint DEFAULT 2 NOT NULL,
	"editorial_note_zh" text,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "person_kind" NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"unit_id" integer,
	"unit_name" text,
	"class_name" text,
	"id_number_tail" text,
	"collective_household" boolean DEFAULT false NOT NULL,
	"valid_until" date,
	"status" "person_status" DEFAULT 'active' NOT NULL,
	"left_on" date,
	"phone" text,
	"email" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "person_photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"status" "photo_status" DEFAULT 'pending' NOT NULL,
	"width" smallint NOT NULL,
	"height" smallint NOT NULL,
	"content_type" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"reject_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_roles" (
	"account_id" integer NOT NULL,
	"role" "role" NOT NULL,
	CONSTRAINT "account_roles_account_id_role_pk" PRIMARY KEY("account_id","role")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_attempts" smallint DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_login_at" timestamp with time zone,
	CONSTRAINT "accounts_person_id_unique" UNIQUE("person_id"),
	CONSTRAINT "accounts_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "auth_sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "clerk_windows" (
	"account_id" integer NOT NULL,
	"window_id" integer NOT NULL,
	CONSTRAINT "clerk_windows_account_id_window_id_pk" PRIMARY KEY("account_id","window_id")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "device_kind" NOT NULL,
	"name" text NOT NULL,
	"location" text,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ticket_checklist" (
	"ticket_id" uuid NOT NULL,
	"material_id" integer NOT NULL,
	"checked" boolean DEFAULT false NOT NULL,
	"checked_by" integer,
	"checked_at" timestamp with time zone,
	CONSTRAINT "ticket_checklist_ticket_id_material_id_pk" PRIMARY KEY("ticket_id","material_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" "ticket_status",
	"to_status" "ticket_status" NOT NULL,
	"actor_account_id" integer,
	"device_id" integer,
	"window_id" integer,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_feedback" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"attitude" smallint NOT NULL,
	"efficiency" smallint NOT NULL,
	"outcome" smallint NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_feedback_range_chk" CHECK ("ticket_feedback"."attitude" between 1 and 5 and "ticket_feedback"."efficiency" between 1 and 5 and "ticket_feedback"."outcome" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "ticket_sequences" (
	"hall_date" date NOT NULL,
	"prefix" text NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "ticket_sequences_hall_date_prefix_pk" PRIMARY KEY("hall_date","prefix")
);
--> statement-breakpoint
CREATE TABLE "tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"hall_date" date NOT NULL,
	"prefix" text NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"service_id" integer NOT NULL,
	"window_id" integer,
	"assigned_account_id" integer,
	"person_id" integer,
	"applicant_type" "applicant_type" DEFAULT 'anyone' NOT NULL,
	"channel" "ticket_channel" NOT NULL,
	"device_id" integer,
	"appointment_id" uuid,
	"priority" boolean DEFAULT false NOT NULL,
	"status" "ticket_status" DEFAULT 'waiting' NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"called_at" timestamp with time zone,
	"called_by" integer,
	"recall_count" smallint DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"finished_by" integer,
	"missing_material_ids" integer[],
	"checklist_override_reason" text,
	"note" text,
	"transferred_from_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "window_sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"window_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"status" "window_session_status" DEFAULT 'open' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paused_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"priority_streak" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "household_card_loans" (
	"id" serial PRIMARY KEY NOT NULL,
	"ticket_id" uuid,
	"person_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"lent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lent_by" integer NOT NULL,
	"due_on" date NOT NULL,
	"returned_at" timestamp with time zone,
	"returned_to" integer
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "appointment_capacity" (
	"id" serial PRIMARY KEY NOT NULL,
	"service_id" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"starts_at" time NOT NULL,
	"ends_at" time NOT NULL,
	"slot_minutes" smallint NOT NULL,
	"places_per_slot" smallint NOT NULL,
	"valid_from" date,
	"valid_to" date,
	CONSTRAINT "appointment_capacity_weekday_chk" CHECK ("appointment_capacity"."weekday" between 1 and 7),
	CONSTRAINT "appointment_capacity_span_chk" CHECK ("appointment_capacity"."starts_at" < "appointment_capacity"."ends_at"),
	CONSTRAINT "appointment_capacity_slot_chk" CHECK ("appointment_capacity"."slot_minutes" > 0 and "appointment_capacity"."places_per_slot" > 0)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"slot_start" timestamp with time zone NOT NULL,
	"slot_end" timestamp with time zone NOT NULL,
	"status" "appointment_status" DEFAULT 'booked' NOT NULL,
	"check_in_code" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"ticket_id" uuid
);
--> statement-breakpoint
CREATE TABLE "card_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"card_id" integer NOT NULL,
	"type" "card_event_type" NOT NULL,
	"self_service" boolean DEFAULT false NOT NULL,
	"actor_account_id" integer,
	"fee_fen" integer DEFAULT 0 NOT NULL,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "card_types" (
	"code" "card_type_code" PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"identity" boolean NOT NULL,
	"real_name" boolean NOT NULL,
	"holders_zh" text[] NOT NULL,
	"approving_department_zh" text NOT NULL,
	"required_documents_zh" text[] NOT NULL,
	"bulk_door_access" boolean NOT NULL,
	"fee_fen" integer NOT NULL,
	"first_card_free" boolean NOT NULL,
	"close_after_leaving_days" integer,
	"validity_rule_zh" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cards" (
	"id" serial PRIMARY KEY NOT NULL,
	"card_no" text NOT NULL,
	"person_id" integer NOT NULL,
	"type_code" "card_type_code" NOT NULL,
	"status" "card_status" DEFAULT 'active' NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" date,
	"balance_fen" bigint DEFAULT 0 NOT NULL,
	"lost_at" timestamp with time zone,
	"replaced_by_id" integer,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cards_card_no_unique" UNIQUE("card_no")
);
--> statement-breakpoint
CREATE TABLE "buildings" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"kind" "building_kind" NOT NULL,
	"campus" text,
	CONSTRAINT "buildings_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "controllers" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"building_id" integer,
	"endpoint" text NOT NULL,
	"secret" text NOT NULL,
	"status" "controller_status" DEFAULT 'active' NOT NULL,
	"last_seen_at" timestamp with time zone,
	"last_error" text,
	CONSTRAINT "controllers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "doors" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"building_id" integer NOT NULL,
	"room_id" integer,
	"controller_id" integer,
	"kind" "door_kind" NOT NULL,
	"name_zh" text NOT NULL,
	CONSTRAINT "doors_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "dorm_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"person_id" integer NOT NULL,
	"room_id" integer NOT NULL,
	"bed" smallint,
	"starts_on" date NOT NULL,
	"ends_on" date
);
--> statement-breakpoint
CREATE TABLE "lock_grants" (
	"id" serial PRIMARY KEY NOT NULL,
	"card_id" integer NOT NULL,
	"door_id" integer NOT NULL,
	"status" "grant_status" DEFAULT 'pending' NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"reason" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "lock_grants_card_door_uniq" UNIQUE("card_id","door_id")
);
--> statement-breakpoint
CREATE TABLE "rooms" (
	"id" serial PRIMARY KEY NOT NULL,
	"building_id" integer NOT NULL,
	"number" text NOT NULL,
	"floor" smallint NOT NULL,
	"beds" smallint DEFAULT 4 NOT NULL,
	CONSTRAINT "rooms_building_number_uniq" UNIQUE("building_id","number")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" integer,
	"actor_role" text,
	"device_id" integer,
	"ip" text,
	"request_id" text,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "hall_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"text_zh" text NOT NULL,
	"text_en" text,
	"starts_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_closures" ADD CONSTRAINT "window_closures_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_hours" ADD CONSTRAINT "window_hours_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "windows" ADD CONSTRAINT "windows_family_code_window_families_code_fk" FOREIGN KEY ("family_code") REFERENCES "public"."window_families"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "windows" ADD CONSTRAINT "windows_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_links" ADD CONSTRAINT "service_links_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_materials" ADD CONSTRAINT "service_materials_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_steps" ADD CONSTRAINT "service_steps_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_windows" ADD CONSTRAINT "service_windows_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_windows" ADD CONSTRAINT "service_windows_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_family_code_window_families_code_fk" FOREIGN KEY ("family_code") REFERENCES "public"."window_families"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_unit_id_departments_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_photos" ADD CONSTRAINT "person_photos_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_roles" ADD CONSTRAINT "account_roles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clerk_windows" ADD CONSTRAINT "clerk_windows_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clerk_windows" ADD CONSTRAINT "clerk_windows_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_checklist" ADD CONSTRAINT "ticket_checklist_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_checklist" ADD CONSTRAINT "ticket_checklist_material_id_service_materials_id_fk" FOREIGN KEY ("material_id") REFERENCES "public"."service_materials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_checklist" ADD CONSTRAINT "ticket_checklist_checked_by_accounts_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD CONSTRAINT "ticket_events_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_feedback" ADD CONSTRAINT "ticket_feedback_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_assigned_account_id_accounts_id_fk" FOREIGN KEY ("assigned_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_called_by_accounts_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_finished_by_accounts_id_fk" FOREIGN KEY ("finished_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_transferred_from_id_tickets_id_fk" FOREIGN KEY ("transferred_from_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_sessions" ADD CONSTRAINT "window_sessions_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "window_sessions" ADD CONSTRAINT "window_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_card_loans" ADD CONSTRAINT "household_card_loans_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_card_loans" ADD CONSTRAINT "household_card_loans_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_card_loans" ADD CONSTRAINT "household_card_loans_lent_by_accounts_id_fk" FOREIGN KEY ("lent_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "household_card_loans" ADD CONSTRAINT "household_card_loans_returned_to_accounts_id_fk" FOREIGN KEY ("returned_to") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_capacity" ADD CONSTRAINT "appointment_capacity_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_events" ADD CONSTRAINT "card_events_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_events" ADD CONSTRAINT "card_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_type_code_card_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."card_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cards" ADD CONSTRAINT "cards_replaced_by_id_cards_id_fk" FOREIGN KEY ("replaced_by_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "controllers" ADD CONSTRAINT "controllers_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doors" ADD CONSTRAINT "doors_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doors" ADD CONSTRAINT "doors_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "doors" ADD CONSTRAINT "doors_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dorm_assignments" ADD CONSTRAINT "dorm_assignments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dorm_assignments" ADD CONSTRAINT "dorm_assignments_room_id_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."rooms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lock_grants" ADD CONSTRAINT "lock_grants_card_id_cards_id_fk" FOREIGN KEY ("card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lock_grants" ADD CONSTRAINT "lock_grants_door_id_doors_id_fk" FOREIGN KEY ("door_id") REFERENCES "public"."doors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rooms" ADD CONSTRAINT "rooms_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "window_closures_dates_idx" ON "window_closures" USING btree ("starts_on","ends_on");--> statement-breakpoint
CREATE INDEX "window_hours_window_idx" ON "window_hours" USING btree ("window_id","weekday");--> statement-breakpoint
CREATE INDEX "windows_family_idx" ON "windows" USING btree ("family_code");--> statement-breakpoint
CREATE INDEX "service_materials_service_idx" ON "service_materials" USING btree ("service_id","position");--> statement-breakpoint
CREATE INDEX "service_steps_service_idx" ON "service_steps" USING btree ("service_id","position");--> statement-breakpoint
CREATE INDEX "service_windows_window_idx" ON "service_windows" USING btree ("window_id");--> statement-breakpoint
CREATE INDEX "services_family_idx" ON "services" USING btree ("family_code");--> statement-breakpoint
CREATE INDEX "services_name_trgm_idx" ON "services" USING gin ("name_zh" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "services_search_trgm_idx" ON "services" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "services_keywords_idx" ON "services" USING gin ("keywords");--> statement-breakpoint
CREATE INDEX "people_name_idx" ON "people" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "person_photos_one_accepted_idx" ON "person_photos" USING btree ("person_id") WHERE "person_photos"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "auth_sessions_account_idx" ON "auth_sessions" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_token_idx" ON "devices" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_name_idx" ON "devices" USING btree ("name") WHERE "devices"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "ticket_events_ticket_idx" ON "ticket_events" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_number_idx" ON "tickets" USING btree ("hall_date","prefix","seq") WHERE "tickets"."transferred_from_id" is null;--> statement-breakpoint
CREATE INDEX "tickets_waiting_idx" ON "tickets" USING btree ("service_id","priority","queued_at") WHERE "tickets"."status" = 'waiting';--> statement-breakpoint
CREATE INDEX "tickets_person_idx" ON "tickets" USING btree ("person_id","status");--> statement-breakpoint
CREATE INDEX "tickets_day_idx" ON "tickets" USING btree ("hall_date","status");--> statement-breakpoint
CREATE UNIQUE INDEX "tickets_one_active_idx" ON "tickets" USING btree ("person_id","service_id") WHERE "tickets"."person_id" is not null and "tickets"."status" in ('waiting', 'called', 'serving', 'parked');--> statement-breakpoint
CREATE UNIQUE INDEX "window_sessions_live_window_idx" ON "window_sessions" USING btree ("window_id") WHERE "window_sessions"."status" <> 'closed';--> statement-breakpoint
CREATE UNIQUE INDEX "window_sessions_live_account_idx" ON "window_sessions" USING btree ("account_id") WHERE "window_sessions"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "window_sessions_opened_idx" ON "window_sessions" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "household_card_loans_open_idx" ON "household_card_loans" USING btree ("due_on") WHERE "household_card_loans"."returned_at" is null;--> statement-breakpoint
CREATE INDEX "household_card_loans_person_idx" ON "household_card_loans" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "notifications_account_idx" ON "notifications" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "appointment_capacity_service_idx" ON "appointment_capacity" USING btree ("service_id","weekday");--> statement-breakpoint
CREATE INDEX "appointments_slot_idx" ON "appointments" USING btree ("service_id","slot_start");--> statement-breakpoint
CREATE INDEX "appointments_person_idx" ON "appointments" USING btree ("person_id","slot_start");--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_one_live_idx" ON "appointments" USING btree ("person_id","service_id","slot_start") WHERE "appointments"."status" in ('booked', 'checked_in');--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_code_idx" ON "appointments" USING btree ("check_in_code","slot_start");--> statement-breakpoint
CREATE INDEX "card_events_card_idx" ON "card_events" USING btree ("card_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "cards_one_live_per_person_idx" ON "cards" USING btree ("person_id") WHERE "cards"."status" in ('active', 'lost');--> statement-breakpoint
CREATE INDEX "cards_person_idx" ON "cards" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "doors_room_idx" ON "doors" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "doors_controller_idx" ON "doors" USING btree ("controller_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dorm_assignments_current_idx" ON "dorm_assignments" USING btree ("person_id") WHERE "dorm_assignments"."ends_on" is null;--> statement-breakpoint
CREATE INDEX "dorm_assignments_room_idx" ON "dorm_assignments" USING btree ("room_id");--> statement-breakpoint
CREATE INDEX "lock_grants_pending_idx" ON "lock_grants" USING btree ("status") WHERE "lock_grants"."status" in ('pending', 'revoke_pending', 'failed');--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_log_object_idx" ON "audit_log" USING btree ("object_type","object_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_account_id","at");--> statement-breakpoint
CREATE INDEX "hall_events_unpublished_idx" ON "hall_events" USING btree ("seq") WHERE "hall_events"."published_at" is null;