import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { captureLogger } from "../../test-logger.js";
import { Etsi014Client } from "./etsi014-client.js";
import { Etsi014KeySource, type PoolAlarm } from "./etsi014-key-source.js";
import { generateSimulatorPki } from "./pki.js";
import { startTestKme, type RunningKme } from "./test-kme.js";

describe("ETSI 014 client against the KME simulator", { timeout: 60_000 }, () => {
  let kme: RunningKme;
  const clients: Etsi014Client[] = [];
  const clientFor = (sae: string, extra: Partial<ConstructorParameters<typeof Etsi014Client>[0]> = {}) => {
    const identity = kme.pki.saes.get(sae);
    assert.ok(identity);
    const client = new Etsi014Client({ baseUrl: kme.url, ca: kme.pki.ca.cert, ...identity, kmeId: kme.kmeId, backoffMs: 10, attempts: 3, timeoutMs: 2000, ...extra });
    clients.push(client);
    return client;
  };

  before(async () => {
    kme = await startTestKme([
      { saeA: "sae-a", saeB: "sae-b", rateBitsPerSecond: 0, capacityKeys: 200 },
      { saeA: "sae-a", saeB: "sae-c", rateBitsPerSecond: 0, capacityKeys: 3 },
    ]);
  });
  after(async () => {
    for (const c of clients) c.close();
    await kme.close();
  });

  it("fetches keys as master and the same keys as slave", async () => {
    const master = clientFor("sae-a");
    const slave = clientFor("sae-b");
    const status = await master.status("sae-b");
    assert.equal(status.master_SAE_ID, "sae-a");
    const keys = await master.getKeys("sae-b", { number: 3, size: 256 });
    const same = await slave.getKeysWithIds("sae-a", keys.map((k) => k.keyId));
    assert.deepEqual(same, keys);
  });

  it("retries transient 503s and succeeds", async () => {
    kme.simulator.faults = { transientFailures: 2 };
    const keys = await clientFor("sae-a").getKeys("sae-b", { number: 1 });
    assert.equal(keys.length, 1);
    assert.equal(kme.simulator.faults.transientFailures, 0);
    kme.simulator.faults = {};
  });

  it("gives up with Unavailable while the link is down", async () => {
    kme.simulator.faults = { linkDown: true };
    try {
      await assert.rejects(clientFor("sae-a").getKeys("sae-b"), (e) => isYunxiError(e, "Unavailable") && /QKD link is down/.test(e.message));
    } finally {
      kme.simulator.faults = {};
    }
  });

  it("treats truncated responses as Unavailable and does not return partial keys", async () => {
    kme.simulator.faults = { truncateResponses: true };
    try {
      await assert.rejects(clientFor("sae-a").getKeys("sae-b", { number: 2 }), (e) => isYunxiError(e, "Unavailable") && /malformed/.test(e.message));
    } finally {
      kme.simulator.faults = {};
    }
  });

  it("times out on a slow KME and succeeds when it is slow but within the deadline", async () => {
    kme.simulator.faults = { delayMs: 400 };
    try {
      await assert.rejects(clientFor("sae-a", { timeoutMs: 100, attempts: 1 }).getKeys("sae-b"), (e) => isYunxiError(e, "Unavailable"));
      const keys = await clientFor("sae-a", { timeoutMs: 3000, attempts: 1 }).getKeys("sae-b");
      assert.equal(keys.length, 1);
    } finally {
      kme.simulator.faults = {};
    }
  });

  it("fails fast with InvalidArgument on 400 and Unauthenticated on 401", async () => {
    await assert.rejects(clientFor("sae-a").getKeys("sae-b", { size: 100 }), (e) => isYunxiError(e, "InvalidArgument") && /multiple of 8/.test(e.message));
    const keys = await clientFor("sae-a").getKeys("sae-b");
    await assert.rejects(clientFor("sae-c").getKeysWithIds("sae-a", keys.map((k) => k.keyId)), (e) => isYunxiError(e, "Unauthenticated"));
  });

  it("refuses a KME whose certificate is not from the pinned CA or has another KME ID", async () => {
    const other = await generateSimulatorPki({ kmeId: "kme-other", saeIds: [] });
    await assert.rejects(clientFor("sae-a", { ca: other.ca.cert, attempts: 1 }).status("sae-b"), (e) => isYunxiError(e, "Unavailable"));
    await assert.rejects(clientFor("sae-a", { kmeId: "kme-somewhere-else", attempts: 1 }).status("sae-b"), (e) => isYunxiError(e, "Unavailable"));
  });

  it("keeps a key stock between watermarks, raises alarms, and refuses when QKD runs out", async () => {
    const { logger, text } = captureLogger();
    const alarms: PoolAlarm[] = [];
    const source = new Etsi014KeySource({ client: clientFor("sae-a"), localSaeId: "sae-a", peerSaeId: "sae-c", lowWatermark: 2, highWatermark: 3, logger, onAlarm: (a) => alarms.push(a) });
    await source.refill();
    assert.equal(source.stockCount, 3);
    const first = await source.obtain({ organisationId: "org-1", keyName: "k", bytes: 32 });
    assert.equal(first.material.length, 32);
    assert.equal(first.provenance.securityLevel, "qkd");
    assert.equal(first.provenance.qkdKeyIds.length, 1);
    // The slave side can fetch the same key by its ID.
    const [peer] = await clientFor("sae-c").getKeysWithIds("sae-a", first.provenance.qkdKeyIds);
    assert.ok(peer);
    assert.deepEqual(peer.key, first.material);
    await source.obtain({ organisationId: "org-1", keyName: "k", bytes: 32 });
    await source.obtain({ organisationId: "org-1", keyName: "k", bytes: 32 });
    await assert.rejects(source.obtain({ organisationId: "org-1", keyName: "k", bytes: 32 }), (e) => isYunxiError(e, "Unavailable"));
    assert.ok(alarms.some((a) => a.level === "low"));
    assert.ok(alarms.some((a) => a.level === "empty"));
    assert.ok(!text().includes(first.material.toString("base64")), "key bits must not be logged");
    assert.ok(!text().includes(first.material.toString("hex")), "key bits must not be logged");
  });
});
