import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError, type SqlDatabase } from "@yunxi/platform";
import type { EvidenceLedger } from "../../app/evidence-ledger.js";
import type { EntryDraft } from "../../domain/entry.js";
import { merkleRoot, verifyInclusion } from "../../domain/merkle.js";

/** What the contract needs from one backend: the ledger over a migrated audit schema, checkpoint every 5. */
export interface LedgerUnderTest {
  readonly db: SqlDatabase;
  readonly ledger: EvidenceLedger;
  close(): Promise<void>;
}

const draft = (organisationId: string, i: number, extra: Partial<EntryDraft> = {}): EntryDraft => ({
  organisationId,
  occurredAt: new Date(Date.UTC(2026, 10, 25, 3, 0, i % 60, i)),
  kind: "approval.application-filed",
  sourceEventId: "",
  subjects: { applicationId: `app-${i % 3}`, deviceId: "dev-1", impressionId: "", actorUserId: "user-1", aggregateId: `app-${i % 3}` },
  payload: { i, note: `step ${i}` },
  ...extra,
});

/** Changes stored rows as a privileged attacker would: past the append-only trigger. */
async function tamper(db: SqlDatabase, table: "ledger_entry" | "ledger_checkpoint", statement: string, params: unknown[]): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(`ALTER TABLE ${table} DISABLE TRIGGER ${table}_append_only`);
    await tx.query(statement, params);
    await tx.query(`ALTER TABLE ${table} ENABLE TRIGGER ${table}_append_only`);
  });
}

/**
 * One suite for the ledger's persistence, run on PGlite (`*.test.ts`) and on a real PostgreSQL
 * (`*.integration-test.ts`): serialised gapless appends, idempotency by event id, checkpoints and proofs,
 * tamper detection, append-only enforcement and organisation isolation.
 */
export function ledgerRepositoryContract(label: string, open: () => Promise<LedgerUnderTest>): void {
  describe(`evidence ledger persistence (${label})`, { timeout: 120_000 }, () => {
    let subject: LedgerUnderTest;
    const org = () => `org-${randomUUID()}`;
    before(async () => {
      subject = await open();
    });
    after(async () => {
      await subject?.close();
    });

    it("gives 20 concurrent appends a gapless sequence 1..20 and a chain that verifies", async () => {
      const o = org();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => subject.ledger.append(draft(o, i + 1))));
      assert.deepEqual(results.map((r) => r.entry.sequence).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
      const verified = await subject.ledger.verifyChain(o, 0, 0);
      assert.equal(verified.ok, true, verified.problem);
      assert.equal(verified.checked, 20);
      assert.equal(verified.checkpointsChecked, 4, "a checkpoint every 5 entries");
    });

    it("records a redelivered event once, also when both deliveries race", async () => {
      const o = org();
      const eventId = randomUUID();
      const first = await subject.ledger.ingest("audit.ledger", draft(o, 1, { sourceEventId: eventId }));
      const again = await subject.ledger.ingest("audit.ledger", draft(o, 1, { sourceEventId: eventId }));
      const racing = randomUUID();
      const raced = await Promise.all([1, 2, 3].map(() => subject.ledger.ingest("audit.ledger", draft(o, 2, { sourceEventId: racing }))));
      assert.deepEqual([first, again], [true, false]);
      assert.equal(raced.filter(Boolean).length, 1);
      const direct = await subject.ledger.append(draft(o, 3, { sourceEventId: eventId }));
      assert.equal(direct.created, false, "a direct append with a recorded event id returns the first entry");
      assert.equal(direct.entry.sequence, 1);
      const rows = await subject.db.query<{ n: bigint }>("SELECT count(*)::int8 AS n FROM ledger_entry WHERE organisation_id = $1", [o]);
      assert.equal(rows[0]?.n, 2n);
    });

    it("signs checkpoints every 5 entries and on demand, with inclusion proofs that verify against them", async () => {
      const o = org();
      for (let i = 1; i <= 7; i++) await subject.ledger.append(draft(o, i));
      const latest = await subject.ledger.checkpoint(o, false);
      assert.equal(latest.treeSize, 5);
      const fresh = await subject.ledger.checkpoint(o, true);
      assert.equal(fresh.treeSize, 7);
      const hashes = (await subject.ledger.listEntries(o, "dev-1", 0, 0)).entries.map((e) => Buffer.from(e.hash, "hex"));
      assert.equal(fresh.rootHash, merkleRoot(hashes).toString("hex"));
      for (const sequence of [1, 5, 7]) {
        const proof = await subject.ledger.inclusionProof(o, sequence, 0);
        assert.equal(proof.checkpoint.treeSize, 7);
        assert.ok(verifyInclusion(Buffer.from(proof.entry.hash, "hex"), proof.leafIndex, proof.checkpoint.treeSize, proof.auditPath.map((p) => Buffer.from(p, "hex")), Buffer.from(proof.checkpoint.rootHash, "hex")));
      }
      const againstFive = await subject.ledger.inclusionProof(o, 3, 5);
      assert.equal(againstFive.checkpoint.treeSize, 5);
      await assert.rejects(subject.ledger.inclusionProof(o, 6, 5), (e: unknown) => isYunxiError(e, "InvalidArgument"));
      const outbox = await subject.db.query<{ n: bigint }>("SELECT count(*)::int8 AS n FROM outbox_event WHERE topic = 'yunxi.audit.v1.checkpoint-created' AND headers->>'ce_organisationid' = $1", [o]);
      assert.equal(outbox[0]?.n, 2n, "each checkpoint is announced through the outbox");
    });

    it("refuses UPDATE and DELETE on the ledger tables", async () => {
      const o = org();
      await subject.ledger.append(draft(o, 1));
      await assert.rejects(subject.db.query("UPDATE ledger_entry SET kind = 'x.y' WHERE organisation_id = $1", [o]), /append-only/);
      await assert.rejects(subject.db.query("DELETE FROM ledger_entry WHERE organisation_id = $1", [o]), /append-only/);
    });

    it("finds a changed stored field, a deleted entry and a forged checkpoint", async () => {
      const o = org();
      for (let i = 1; i <= 8; i++) await subject.ledger.append(draft(o, i));
      const changes: [string, unknown][] = [
        ["payload = $3::jsonb", JSON.stringify({ i: 6, note: "edited" })],
        ["occurred_at = occurred_at + interval '1 millisecond'", undefined],
        ["device_id = $3", "dev-2"],
        ["kind = $3", "approval.application-approved"],
      ];
      for (const [set, value] of changes) {
        const o2 = org();
        for (let i = 1; i <= 8; i++) await subject.ledger.append(draft(o2, i));
        await tamper(subject.db, "ledger_entry", `UPDATE ledger_entry SET ${set} WHERE organisation_id = $1 AND sequence = $2`, value === undefined ? [o2, 6] : [o2, 6, value]);
        const result = await subject.ledger.verifyChain(o2, 0, 0);
        assert.equal(result.ok, false, set);
        assert.equal(result.firstBrokenSequence, 6, `${set}: ${result.problem}`);
      }
      await tamper(subject.db, "ledger_entry", "DELETE FROM ledger_entry WHERE organisation_id = $1 AND sequence = $2", [o, 3]);
      const deleted = await subject.ledger.verifyChain(o, 0, 0);
      assert.equal(deleted.firstBrokenSequence, 3);
      const o3 = org();
      for (let i = 1; i <= 5; i++) await subject.ledger.append(draft(o3, i));
      await tamper(subject.db, "ledger_checkpoint", "UPDATE ledger_checkpoint SET root_hash = $2 WHERE organisation_id = $1", [o3, "a".repeat(64)]);
      const forged = await subject.ledger.verifyChain(o3, 0, 0);
      assert.equal(forged.ok, false);
      assert.equal(forged.firstBrokenSequence, 5);
    });

    it("keeps organisations apart: own sequences, no reads across", async () => {
      const a = org();
      const b = org();
      await subject.ledger.append(draft(a, 1));
      await subject.ledger.append(draft(a, 2));
      const firstOfB = await subject.ledger.append(draft(b, 1));
      assert.equal(firstOfB.entry.sequence, 1);
      assert.equal((await subject.ledger.listEntries(b, "app-2", 0, 0)).entries.length, 0);
      assert.equal((await subject.ledger.listEntries(a, "app-2", 0, 0)).entries.length, 1);
      await assert.rejects(subject.ledger.inclusionProof(b, 2, 0), (e: unknown) => isYunxiError(e, "NotFound"));
      await assert.rejects(subject.ledger.verifyChain(b, 0, 2), (e: unknown) => isYunxiError(e, "InvalidArgument"));
    });
  });
}
