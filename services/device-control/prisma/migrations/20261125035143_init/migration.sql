-- CreateTable
CREATE TABLE "device" (
    "id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "locked" BOOLEAN NOT NULL DEFAULT true,
    "last_sequence" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3),

    CONSTRAINT "device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_command" (
    "id" UUID NOT NULL,
    "device_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "envelope" BYTEA NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_at" TIMESTAMPTZ(3),
    "last_sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "device_command_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "authorisation" (
    "id" UUID NOT NULL,
    "device_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "impressions" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "command_id" UUID NOT NULL,

    CONSTRAINT "authorisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_event" (
    "device_id" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "device_time" TIMESTAMPTZ(3) NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "authorisation_id" TEXT,
    "application_id" TEXT,
    "user_id" TEXT,
    "photo_ref" TEXT,
    "authorised" BOOLEAN,
    "alarm_kind" TEXT,
    "lock_reason" TEXT,
    "detail" TEXT,

    CONSTRAINT "device_event_pkey" PRIMARY KEY ("device_id","sequence")
);

-- CreateTable
CREATE TABLE "sequence_gap" (
    "id" BIGSERIAL NOT NULL,
    "device_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "from_sequence" BIGINT NOT NULL,
    "to_sequence" BIGINT NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sequence_gap_pkey" PRIMARY KEY ("id")
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
    "expires_at" TIMESTAMPTZ(6) NOT NULL DEFAULT '1970-01-01 00:00:00+00'::timestamp with time zone,

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
CREATE INDEX "device_organisation_id_idx" ON "device"("organisation_id");

-- CreateIndex
CREATE UNIQUE INDEX "device_organisation_id_serial_key" ON "device"("organisation_id", "serial");

-- CreateIndex
CREATE INDEX "device_command_device_id_status_idx" ON "device_command"("device_id", "status");

-- CreateIndex
CREATE INDEX "authorisation_device_id_idx" ON "authorisation"("device_id");

-- CreateIndex
CREATE INDEX "device_event_organisation_id_device_id_idx" ON "device_event"("organisation_id", "device_id");

-- CreateIndex
CREATE INDEX "sequence_gap_device_id_idx" ON "sequence_gap"("device_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
-- Partial, as OUTBOX_SCHEMA_SQL has it (Prisma cannot express the predicate).
CREATE INDEX "outbox_event_unpublished" ON "outbox_event"("sequence") WHERE published_at IS NULL;

-- CreateIndex
CREATE INDEX "processed_event_processed_at" ON "processed_event"("processed_at");

-- The relay's one lease row (OUTBOX_SCHEMA_SQL).
INSERT INTO "outbox_relay_lease" ("name") VALUES ('relay') ON CONFLICT ("name") DO NOTHING;
