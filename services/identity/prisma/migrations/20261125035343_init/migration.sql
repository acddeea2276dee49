-- CreateTable
CREATE TABLE "account" (
    "id" UUID NOT NULL,
    "mobile" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failed_login_count" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "login_history" (
    "id" BIGSERIAL NOT NULL,
    "account_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "success" BOOLEAN NOT NULL,
    "outcome" TEXT NOT NULL,
    "ip" TEXT,

    CONSTRAINT "login_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signing_key" (
    "kid" TEXT NOT NULL,
    "alg" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "sealed_private_key" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "slot" TEXT,
    "retired_at" TIMESTAMPTZ(3),

    CONSTRAINT "signing_key_pkey" PRIMARY KEY ("kid")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "sequence" BIGSERIAL NOT NULL,
    "id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "payload" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(6),

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "outbox_relay_lease" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "expires_at" TIMESTAMPTZ(6) NOT NULL DEFAULT 'epoch'::timestamp with time zone,

    CONSTRAINT "outbox_relay_lease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer_group" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "processed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer_group","event_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_mobile_key" ON "account"("mobile");

-- CreateIndex
CREATE INDEX "login_history_account_id_at_idx" ON "login_history"("account_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "signing_key_slot_key" ON "signing_key"("slot");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
-- Partial, as OUTBOX_SCHEMA_SQL has it (Prisma cannot express the predicate).
CREATE INDEX "outbox_event_unpublished" ON "outbox_event"("sequence") WHERE published_at IS NULL;

-- CreateIndex
CREATE INDEX "processed_event_processed_at" ON "processed_event"("processed_at");

-- AddForeignKey
ALTER TABLE "login_history" ADD CONSTRAINT "login_history_account_id_fkey" FOREIGN KEY ("account_id") REFERENCES "account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The relay lease row OUTBOX_SCHEMA_SQL inserts.
INSERT INTO "outbox_relay_lease" ("name") VALUES ('relay') ON CONFLICT ("name") DO NOTHING;
