-- CreateTable
CREATE TABLE "seal" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "seal_type" TEXT,
    "size_mm" INTEGER,
    "material" TEXT,
    "device_id" TEXT,
    "image_object_key" TEXT,
    "certificate_ref" TEXT,
    "version" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "seal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "seal_id" UUID NOT NULL,
    "applicant_user_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "documents" JSONB NOT NULL,
    "impression_count" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "approved_device_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_step" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "permission" TEXT NOT NULL,
    "state" TEXT NOT NULL,

    CONSTRAINT "approval_step_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "approval_decision" (
    "step_id" UUID NOT NULL,
    "decided_by" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "comment" TEXT NOT NULL,
    "decided_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "approval_decision_pkey" PRIMARY KEY ("step_id","decided_by")
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
CREATE INDEX "seal_organisation_id_name_idx" ON "seal"("organisation_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "seal_device_unique" ON "seal"("organisation_id", "device_id");

-- CreateIndex
CREATE UNIQUE INDEX "seal_organisation_id_unique" ON "seal"("organisation_id", "id");

-- CreateIndex
CREATE INDEX "application_organisation_id_created_at_idx" ON "application"("organisation_id", "created_at");

-- CreateIndex
CREATE INDEX "application_organisation_id_applicant_user_id_idx" ON "application"("organisation_id", "applicant_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "approval_step_position_unique" ON "approval_step"("application_id", "revision", "position");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "processed_event_processed_at" ON "processed_event"("processed_at");

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_organisation_id_seal_id_fkey" FOREIGN KEY ("organisation_id", "seal_id") REFERENCES "seal"("organisation_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_step" ADD CONSTRAINT "approval_step_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_decision" ADD CONSTRAINT "approval_decision_step_id_fkey" FOREIGN KEY ("step_id") REFERENCES "approval_step"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Platform outbox (packages/platform/src/events/outbox.ts OUTBOX_SCHEMA_SQL): the relay's one lease row
-- and the index of unpublished rows (a partial index, which schema.prisma cannot declare).
INSERT INTO "outbox_relay_lease" ("name") VALUES ('relay') ON CONFLICT ("name") DO NOTHING;
CREATE INDEX IF NOT EXISTS "outbox_event_unpublished" ON "outbox_event" ("sequence") WHERE "published_at" IS NULL;

-- Rules the database keeps even if code forgets them (schema.prisma cannot declare CHECK constraints).
ALTER TABLE "seal" ADD CONSTRAINT "seal_kind_check" CHECK ("kind" IN ('physical', 'electronic'));
ALTER TABLE "seal" ADD CONSTRAINT "seal_electronic_unbound_check" CHECK ("kind" = 'physical' OR "device_id" IS NULL);
ALTER TABLE "application" ADD CONSTRAINT "application_state_check" CHECK ("state" IN ('DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN'));
ALTER TABLE "application" ADD CONSTRAINT "application_impression_count_check" CHECK ("impression_count" BETWEEN 1 AND 1000);
ALTER TABLE "approval_step" ADD CONSTRAINT "approval_step_state_check" CHECK ("state" IN ('PENDING', 'APPROVED', 'REJECTED'));
ALTER TABLE "approval_decision" ADD CONSTRAINT "approval_decision_outcome_check" CHECK ("outcome" IN ('APPROVED', 'REJECTED'));
