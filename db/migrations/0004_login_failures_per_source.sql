CREATE TABLE "login_failures" (
	"account_id" integer NOT NULL,
	"source_kind" text NOT NULL,
	"source" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"last_failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	CONSTRAINT "login_failures_account_id_source_kind_source_pk" PRIMARY KEY("account_id","source_kind","source"),
	CONSTRAINT "login_failures_source_kind_chk" CHECK ("login_failures"."source_kind" in ('ip', 'device'))
);
--> statement-breakpoint
ALTER TABLE "accounts" ALTER COLUMN "failed_attempts" SET DATA TYPE integer;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "failure_window_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "failures_since_login" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "login_failures" ADD CONSTRAINT "login_failures_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_failures_locked_idx" ON "login_failures" USING btree ("locked_until");