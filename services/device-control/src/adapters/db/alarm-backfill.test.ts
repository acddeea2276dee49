import assert from "node:assert/strict";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { applyMigrations, EmbeddedPostgres, type SqlDatabase } from "@yunxi/platform";
import { MIGRATIONS_DIR } from "./test-database.js";

/** The device_alarm migration carries over alarms stored before it, as open alarms in arrival order. */
describe("device_alarm migration backfill (PGlite)", { timeout: 120_000 }, () => {
  let embedded: EmbeddedPostgres;
  let db: SqlDatabase & { schema: string };
  const initOnly = mkdtempSync(join(tmpdir(), "device-control-init-"));

  before(async () => {
    cpSync(join(MIGRATIONS_DIR, "20261125035143_init"), join(initOnly, "20261125035143_init"), { recursive: true });
    embedded = await EmbeddedPostgres.open();
    db = await embedded.database("device_control");
  });
  after(async () => {
    await embedded?.close();
    rmSync(initOnly, { recursive: true, force: true });
  });

  it("turns stored device alarms and unauthorised impressions into open alarms, and nothing else", async () => {
    await applyMigrations(db, initOnly, { schema: db.schema });
    const insert = `INSERT INTO device_event (device_id, sequence, organisation_id, kind, device_time, received_at, authorised, alarm_kind, lock_reason, detail)
                    VALUES ($1, $2, 'org-1', $3, '2026-01-01T00:00:00Z', $4, $5, $6, $7, $8)`;
    await db.query(insert, ["dev-1", 1, "alarm", "2026-01-01T00:00:01Z", null, "tamper", null, "case opened"]);
    await db.query(insert, ["dev-1", 2, "impression", "2026-01-01T00:00:02Z", true, null, null, null]);
    await db.query(insert, ["dev-1", 3, "impression", "2026-01-01T00:00:03Z", false, null, null, "no authorisation"]);
    await db.query(insert, ["dev-1", 4, "locked", "2026-01-01T00:00:04Z", null, null, "remote", null]);
    await applyMigrations(db, MIGRATIONS_DIR, { schema: db.schema });
    const rows = await db.query<{ kind: string; detail: string; sequence: string; acknowledged_at: Date | null }>(
      "SELECT kind, detail, sequence::text AS sequence, acknowledged_at FROM device_alarm ORDER BY position",
    );
    assert.deepEqual(rows.map((r) => [r.kind, r.detail, r.sequence, r.acknowledged_at]), [
      ["tamper", "case opened", "1", null],
      ["unauthorised_attempt", "no authorisation", "3", null],
    ]);
  });
});
