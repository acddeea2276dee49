import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { PgliteSqlDatabase } from "@yunxi/platform";
import { runVerifyEvidence } from "./verify-evidence-cli.js";
import { openTestLedger } from "./testing/open-test-ledger.js";

describe("verify-evidence CLI", { timeout: 60_000 }, () => {
  let dir: string;
  let bundleText: string;
  let publicKeyPem: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "yunxi-evidence-"));
    const db = await PgliteSqlDatabase.open({ schema: "audit" });
    const opened = await openTestLedger(db, 2);
    try {
      for (let i = 1; i <= 5; i++) {
        await opened.ledger.append({
          organisationId: "org-cli",
          occurredAt: new Date(Date.UTC(2026, 10, 25, 4, 0, i)),
          kind: i === 1 ? "approval.application-filed" : "device-control.impression-recorded",
          sourceEventId: "",
          subjects: { applicationId: i % 2 ? "app-1" : "app-2", deviceId: "", impressionId: `imp-${i}`, actorUserId: "u", aggregateId: "" },
          payload: { i },
        });
      }
      bundleText = JSON.stringify(await opened.ledger.exportEvidence("org-cli", "app-1"), null, 2);
      publicKeyPem = opened.signer.publicKeyPem;
    } finally {
      await opened.close();
      await db.close();
    }
  });
  after(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runVerifyEvidence(args, (l) => lines.push(l));
    return { code, text: lines.join("\n") };
  };

  it("verifies an exported bundle, with and without a pinned key", async () => {
    await writeFile(join(dir, "good.json"), bundleText);
    await writeFile(join(dir, "key.pem"), publicKeyPem);
    const plain = await run(join(dir, "good.json"));
    assert.equal(plain.code, 0, plain.text);
    assert.match(plain.text, /VERIFIED: 3 entries/);
    assert.equal((await run(join(dir, "good.json"), "--public-key", join(dir, "key.pem"))).code, 0);
  });

  it("fails on one changed byte, and on usage errors", async () => {
    const changed = bundleText.replace('"imp-3"', '"imp-8"');
    assert.notEqual(changed, bundleText);
    await writeFile(join(dir, "bad.json"), changed);
    const bad = await run(join(dir, "bad.json"));
    assert.equal(bad.code, 1);
    assert.match(bad.text, /entry 3: fields do not match its hash/);
    assert.equal((await run()).code, 2);
    assert.equal((await run(join(dir, "missing.json"))).code, 2);
  });

  it("runs as a process through npm run verify-evidence's entry point", async () => {
    await writeFile(join(dir, "good2.json"), bundleText);
    // Under tsx the sources run; after tsc -b the compiled file next to this one.
    const isTs = import.meta.url.endsWith(".ts");
    const script = fileURLToPath(new URL(isTs ? "./verify-evidence-cli.ts" : "./verify-evidence-cli.js", import.meta.url));
    const args = isTs ? ["--import", "tsx", script, join(dir, "good2.json")] : [script, join(dir, "good2.json")];
    const { code, stdout } = await new Promise<{ code: number; stdout: string }>((resolve) =>
      execFile(process.execPath, args, { timeout: 30_000 }, (error, stdout) => resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout })),
    );
    assert.equal(code, 0, stdout);
    assert.match(stdout, /VERIFIED/);
  });
});
