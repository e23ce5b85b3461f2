CREATE TYPE "public"."card_production_status" AS ENUM('awaiting_confirmation', 'flagged', 'confirmed', 'made', 'ready', 'collected');--> statement-breakpoint
CREATE TYPE "public"."card_replace_reason" AS ENUM('lost', 'damaged', 'faulty');--> statement-breakpoint
ALTER TYPE "public"."card_event_type" ADD VALUE 'info_confirmed';--> statement-breakpoint
ALTER TYPE "public"."card_event_type" ADD VALUE 'info_flagged';--> statement-breakpoint
ALTER TYPE "public"."card_event_type" ADD VALUE 'info_requested';--> statement-breakpoint
ALTER TYPE "public"."card_event_type" ADD VALUE 'made';--> statement-breakpoint
ALTER TYPE "public"."card_event_type" ADD VALUE 'ready_for_pickup';--> statement-breakpoint
ALTER TYPE "public"."card_event_type" ADD VALUE 'collected';--> statement-breakpoint
CREATE SEQUENCE "public"."card_no_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 30000001 CACHE 1;--> statement-breakpoint
CREATE TABLE "card_replacements" (
	"id" serial PRIMARY KEY NOT NULL,
	"old_card_id" integer NOT NULL,
	"new_card_id" integer NOT NULL,
	"reason" "card_replace_reason" NOT NULL,
	"fee_fen" integer NOT NULL,
	"balance_fen" bigint NOT NULL,
	"balance_due_at" timestamp with time zone NOT NULL,
	"balance_moved_at" timestamp with time zone,
	"self_service" boolean DEFAULT false NOT NULL,
	"actor_account_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "card_replacements_old_card_id_unique" UNIQUE("old_card_id"),
	CONSTRAINT "card_replacements_new_card_id_unique" UNIQUE("new_card_id")
);
--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "production_status" "card_production_status";--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "info_flag" jsonb;--> statement-breakpoint
ALTER TABLE "cards" ADD COLUMN "info_confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "card_replacements" ADD CONSTRAINT "card_replacements_old_card_id_cards_id_fk" FOREIGN KEY ("old_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_replacements" ADD CONSTRAINT "card_replacements_new_card_id_cards_id_fk" FOREIGN KEY ("new_card_id") REFERENCES "public"."cards"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_replacements" ADD CONSTRAINT "card_replacements_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "card_replacements_balance_due_idx" ON "card_replacements" USING btree ("balance_due_at") WHERE "card_replacements"."balance_moved_at" is null;