-- CreateTable
CREATE TABLE "media_upload" (
    "id" UUID NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "owner_device_id" TEXT,
    "owner_user_id" TEXT,
    "application_id" TEXT,
    "impression_sequence" BIGINT,
    "staging_key" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "media_upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "media_item" (
    "id" UUID NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "stored_size" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "owner_device_id" TEXT,
    "owner_user_id" TEXT,
    "application_id" TEXT,
    "impression_sequence" BIGINT,
    "blob_key" TEXT NOT NULL,
    "key_name" TEXT NOT NULL,
    "key_version" INTEGER NOT NULL,
    "wrapped_key" TEXT NOT NULL,
    "chunk_bytes" INTEGER NOT NULL,
    "stored_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "media_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_usage" (
    "organisation_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "period" INTEGER NOT NULL,
    "used_bytes" BIGINT NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "device_usage_pkey" PRIMARY KEY ("organisation_id","device_id","period")
);

-- CreateTable
CREATE TABLE "media_access" (
    "id" UUID NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "media_id" UUID NOT NULL,
    "accessed_by" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "accessed_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "media_access_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "media_upload_organisation_id_created_at_idx" ON "media_upload"("organisation_id", "created_at");

-- CreateIndex
CREATE INDEX "media_item_organisation_id_created_at_idx" ON "media_item"("organisation_id", "created_at");

-- CreateIndex
CREATE INDEX "media_item_organisation_id_application_id_idx" ON "media_item"("organisation_id", "application_id");

-- CreateIndex
CREATE INDEX "media_access_organisation_id_media_id_accessed_at_idx" ON "media_access"("organisation_id", "media_id", "accessed_at");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "processed_event_processed_at" ON "processed_event"("processed_at");

-- AddForeignKey
ALTER TABLE "media_access" ADD CONSTRAINT "media_access_media_id_fkey" FOREIGN KEY ("media_id") REFERENCES "media_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
