-- Originals, verdicts and organisation threshold profiles of ocr-verification, plus the platform's
-- outbox tables (same DDL as OUTBOX_SCHEMA_SQL in packages/platform/src/events/outbox.ts).

CREATE TABLE "original_document" (
    "application_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "pages" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "original_document_pkey" PRIMARY KEY ("application_id")
);

CREATE TABLE "verification" (
    "verification_id" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "organisation_id" TEXT NOT NULL,
    "impression_id" TEXT NOT NULL,
    "engine" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "final_verdict" TEXT NOT NULL,
    "outcome" JSONB NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "reviews" JSONB NOT NULL DEFAULT '[]',
    "review_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    CONSTRAINT "verification_pkey" PRIMARY KEY ("verification_id")
);

CREATE UNIQUE INDEX "verification_impression_key" ON "verification"("application_id", "impression_id");
CREATE INDEX "verification_organisation_verdict_idx" ON "verification"("organisation_id", "final_verdict");

CREATE TABLE "organisation_profile" (
    "organisation_id" TEXT NOT NULL,
    "profile" TEXT NOT NULL,
    CONSTRAINT "organisation_profile_pkey" PRIMARY KEY ("organisation_id")
);

CREATE TABLE IF NOT EXISTS outbox_event (
    sequence bigserial PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    topic text NOT NULL,
    key text NOT NULL,
    headers jsonb NOT NULL,
    payload bytea NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX IF NOT EXISTS outbox_event_unpublished ON outbox_event (sequence) WHERE published_at IS NULL;
CREATE TABLE IF NOT EXISTS outbox_relay_lease (
    name text PRIMARY KEY,
    holder text,
    expires_at timestamptz NOT NULL DEFAULT 'epoch'
);
INSERT INTO outbox_relay_lease (name) VALUES ('relay') ON CONFLICT (name) DO NOTHING;
