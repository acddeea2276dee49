-- CreateTable
CREATE TABLE "key_ring" (
    "organisation_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "suite" TEXT NOT NULL,
    "min_decryption_version" INTEGER NOT NULL,
    "max_operations_per_version" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "key_ring_pkey" PRIMARY KEY ("organisation_id","name")
);

-- CreateTable
CREATE TABLE "key_version" (
    "organisation_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "security_level" TEXT NOT NULL,
    "qkd_key_ids" TEXT[],
    "path" TEXT[],
    "operations" BIGINT NOT NULL DEFAULT 0,
    "sealed_material" BYTEA NOT NULL,

    CONSTRAINT "key_version_pkey" PRIMARY KEY ("organisation_id","name","version")
);

-- CreateTable
CREATE TABLE "organisation_policy" (
    "organisation_id" TEXT NOT NULL,
    "suite" TEXT NOT NULL,
    "require_qkd" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "organisation_policy_pkey" PRIMARY KEY ("organisation_id")
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
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "processed_event_processed_at" ON "processed_event"("processed_at");

-- AddForeignKey
ALTER TABLE "key_version" ADD CONSTRAINT "key_version_organisation_id_name_fkey" FOREIGN KEY ("organisation_id", "name") REFERENCES "key_ring"("organisation_id", "name") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox relay's lease row (OUTBOX_SCHEMA_SQL seeds it; relays only ever UPDATE it).
INSERT INTO "outbox_relay_lease" ("name") VALUES ('relay') ON CONFLICT ("name") DO NOTHING;
