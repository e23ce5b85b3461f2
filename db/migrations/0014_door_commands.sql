CREATE TABLE "door_commands" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"grant_id" integer NOT NULL,
	"controller_id" integer NOT NULL,
	"command" text NOT NULL,
	"card_no" text NOT NULL,
	"door_code" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_to" timestamp with time zone,
	"version" bigint NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"acked_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "door_commands_grant_version_uniq" UNIQUE("grant_id","version")
);
--> statement-breakpoint
ALTER TABLE "controllers" ADD COLUMN "last_error_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "controllers" ADD COLUMN "last_reconciled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "controllers" ADD COLUMN "drift_last" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "controllers" ADD COLUMN "drift_total" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "door_commands" ADD CONSTRAINT "door_commands_grant_id_lock_grants_id_fk" FOREIGN KEY ("grant_id") REFERENCES "public"."lock_grants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "door_commands" ADD CONSTRAINT "door_commands_controller_id_controllers_id_fk" FOREIGN KEY ("controller_id") REFERENCES "public"."controllers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "door_commands_unrelayed_idx" ON "door_commands" USING btree ("id") WHERE "door_commands"."relayed_at" is null;--> statement-breakpoint
CREATE INDEX "door_commands_controller_status_idx" ON "door_commands" USING btree ("controller_id","status");