ALTER TABLE "lock_grants" ADD COLUMN "valid_from" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "lock_grants" ADD COLUMN "valid_to" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "lock_grants" ADD COLUMN "revoke_reason" text;