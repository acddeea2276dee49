-- CreateTable
CREATE TABLE "notification_channel" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alarm_delivery" (
    "id" UUID NOT NULL,
    "organisation_id" UUID NOT NULL,
    "channel_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "alarm" JSONB NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL,
    "last_error" TEXT NOT NULL DEFAULT '',
    "last_status" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "alarm_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_channel_organisation_id_idx" ON "notification_channel"("organisation_id");

-- CreateIndex
CREATE INDEX "alarm_delivery_due" ON "alarm_delivery"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "alarm_delivery_organisation_created" ON "alarm_delivery"("organisation_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "alarm_delivery_event_channel_unique" ON "alarm_delivery"("event_id", "channel_id");

-- AddForeignKey
ALTER TABLE "notification_channel" ADD CONSTRAINT "notification_channel_organisation_id_fkey" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alarm_delivery" ADD CONSTRAINT "alarm_delivery_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "notification_channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;


