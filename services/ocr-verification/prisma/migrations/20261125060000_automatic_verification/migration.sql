-- Automatic verification: originals registered from approval's ApplicationSubmitted (or recorded as
-- unreadable, so later photos get a review verdict with the reason), and verdicts for media's stored
-- impression photos, one per media id.

ALTER TABLE "original_document" ADD COLUMN "problem" TEXT;
ALTER TABLE "original_document" ADD COLUMN "source_event_id" TEXT;
ALTER TABLE "original_document" ADD COLUMN "applicant_user_id" TEXT;

ALTER TABLE "verification" ADD COLUMN "media_id" TEXT;
ALTER TABLE "verification" ADD COLUMN "device_id" TEXT;
ALTER TABLE "verification" ADD COLUMN "impression_sequence" BIGINT;

-- A redelivered MediaStored finds the verdict it already produced.
CREATE UNIQUE INDEX "verification_media_key" ON "verification"("media_id");
CREATE INDEX "verification_application_created_idx" ON "verification"("organisation_id", "application_id", "created_at");
