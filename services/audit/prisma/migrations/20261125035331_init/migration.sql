-- CreateTable
CREATE TABLE "ledger_head" (
    "organisation_id" TEXT NOT NULL,
    "last_sequence" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,

    CONSTRAINT "ledger_head_pkey" PRIMARY KEY ("organisation_id")
);

-- CreateTable
CREATE TABLE "ledger_entry" (
    "organisation_id" TEXT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "source_event_id" TEXT,
    "application_id" TEXT NOT NULL DEFAULT '',
    "device_id" TEXT NOT NULL DEFAULT '',
    "impression_id" TEXT NOT NULL DEFAULT '',
    "actor_user_id" TEXT NOT NULL DEFAULT '',
    "aggregate_id" TEXT NOT NULL DEFAULT '',
    "payload" JSONB NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "ledger_entry_pkey" PRIMARY KEY ("organisation_id","sequence")
);

-- CreateTable
CREATE TABLE "ledger_checkpoint" (
    "organisation_id" TEXT NOT NULL,
    "tree_size" BIGINT NOT NULL,
    "root_hash" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL,
    "key_id" TEXT NOT NULL,
    "signature" TEXT NOT NULL,

    CONSTRAINT "ledger_checkpoint_pkey" PRIMARY KEY ("organisation_id","tree_size")
);

-- CreateTable
CREATE TABLE "signing_key" (
    "key_id" TEXT NOT NULL,
    "slot" TEXT,
    "algorithm" TEXT NOT NULL,
    "public_key_pem" TEXT NOT NULL,
    "private_key_pem" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signing_key_pkey" PRIMARY KEY ("key_id")
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
CREATE INDEX "ledger_entry_organisation_id_application_id_idx" ON "ledger_entry"("organisation_id", "application_id");

-- CreateIndex
CREATE INDEX "ledger_entry_organisation_id_device_id_idx" ON "ledger_entry"("organisation_id", "device_id");

-- CreateIndex
CREATE INDEX "ledger_entry_organisation_id_impression_id_idx" ON "ledger_entry"("organisation_id", "impression_id");

-- CreateIndex
CREATE INDEX "ledger_entry_organisation_id_actor_user_id_idx" ON "ledger_entry"("organisation_id", "actor_user_id");

-- CreateIndex
CREATE INDEX "ledger_entry_organisation_id_aggregate_id_idx" ON "ledger_entry"("organisation_id", "aggregate_id");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entry_organisation_id_source_event_id_key" ON "ledger_entry"("organisation_id", "source_event_id");

-- CreateIndex
CREATE UNIQUE INDEX "signing_key_slot_key" ON "signing_key"("slot");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox_event"("id");

-- CreateIndex
CREATE INDEX "processed_event_processed_at" ON "processed_event"("processed_at");

-- Platform tables, exactly as packages/platform creates them (idempotent, adding what Prisma cannot express:
-- the partial index outbox_event_unpublished and the relay lease row).
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
CREATE TABLE IF NOT EXISTS processed_event (
    consumer_group text NOT NULL,
    event_id text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
  );
CREATE INDEX IF NOT EXISTS processed_event_processed_at ON processed_event (processed_at);

-- Append-only: the ledger refuses UPDATE and DELETE. A superuser can still disable this, and the hash chain
-- and signed checkpoints are what detect such tampering. The body spells its semicolons as \073 because
-- the Prisma CLI's pg adapter splits migration scripts at every literal semicolon.
CREATE FUNCTION ledger_append_only() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN RAISE EXCEPTION ''the evidence ledger is append-only (% on %)'', TG_OP, TG_TABLE_NAME\073 END\073';
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE OR DELETE ON "ledger_entry" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
CREATE TRIGGER ledger_checkpoint_append_only BEFORE UPDATE OR DELETE ON "ledger_checkpoint" FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
