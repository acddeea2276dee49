-- One row per alarm of the organisation (device-reported, unauthorised presses, platform-raised such as
-- authorisation_refused), so a seal keeper can list them across devices and acknowledge each once.
-- CreateTable
CREATE TABLE "device_alarm" (
    "id" UUID NOT NULL,
    "position" BIGSERIAL NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "device_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "detail" TEXT NOT NULL DEFAULT '',
    "sequence" BIGINT NOT NULL DEFAULT 0,
    "device_time" TIMESTAMPTZ(3) NOT NULL,
    "raised_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledged_by" TEXT,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledgement_note" TEXT,

    CONSTRAINT "device_alarm_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "device_alarm_position_key" ON "device_alarm"("position");

-- CreateIndex
CREATE INDEX "device_alarm_organisation_id_position_idx" ON "device_alarm"("organisation_id", "position");

-- Alarms stored before this table existed: device alarms and unauthorised presses, oldest first so that
-- positions follow arrival. (Platform-raised authorisation_refused alarms were never stored; they are in
-- the evidence ledger only.)
INSERT INTO "device_alarm" ("id", "organisation_id", "device_id", "kind", "detail", "sequence", "device_time", "raised_at")
SELECT gen_random_uuid(), "organisation_id", "device_id",
       CASE WHEN "kind" = 'alarm' THEN COALESCE("alarm_kind", '') ELSE 'unauthorised_attempt' END,
       COALESCE("detail", ''), "sequence", "device_time", "received_at"
FROM "device_event"
WHERE "kind" = 'alarm' OR ("kind" = 'impression' AND "authorised" = false)
ORDER BY "received_at", "device_id", "sequence";
