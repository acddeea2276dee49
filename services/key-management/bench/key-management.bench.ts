// Key-management benchmarks, bounded to about a minute: ETSI 014 requests/s against the simulator,
// data keys issued/s, streamed AES-256-GCM and SM4 throughput beside `openssl speed` in the same run,
// and QKD bits consumed per GiB protected. Figures are per wall second and per CPU second (the
// machine is shared, so CPU seconds are the steadier measure).
import { execFileSync } from "node:child_process";
import { createCipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { createRootLogger } from "@yunxi/platform";
import { AesGcmMaterialSealer } from "../src/adapters/crypto/aes-gcm-material-sealer.js";
import { createSuiteCiphers } from "../src/adapters/crypto/ciphers.js";
import { Etsi014Client } from "../src/adapters/etsi014/etsi014-client.js";
import { Etsi014KeySource } from "../src/adapters/etsi014/etsi014-key-source.js";
import { startTestKme } from "../src/adapters/etsi014/test-kme.js";
import { MemoryAuditPublisher } from "../src/adapters/memory/memory-audit-publisher.js";
import { MemoryKeyStore, MemoryPolicyStore } from "../src/adapters/memory/memory-key-store.js";
import { HybridPqcKeySource, LocalHybridKemPeer } from "../src/adapters/pqc/hybrid-pqc-key-source.js";
import { makeEnvelopeService } from "../src/app/envelope-service.js";

const rows: [string, string, string][] = [];
const MiB = 1024 * 1024;
const logger = createRootLogger({ level: "silent" });

function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

async function timed(seconds: number, op: () => Promise<number> | number): Promise<{ count: number; wall: number; cpu: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < seconds * 1000) count += await op();
  return { count, wall: (performance.now() - start) / 1000, cpu: cpuSeconds(cpu) };
}

// 1. ETSI 014 over mTLS (keep-alive), 8 requests in flight.
const kme = await startTestKme([{ saeA: "sae-a", saeB: "sae-b", rateBitsPerSecond: 1e12, capacityKeys: 10_000_000 }]);
const identity = kme.pki.saes.get("sae-a");
if (!identity) throw new Error("no sae-a identity");
const client = new Etsi014Client({ baseUrl: kme.url, ca: kme.pki.ca.cert, ...identity, kmeId: kme.kmeId });
{
  const r = await timed(5, async () => {
    await Promise.all(Array.from({ length: 8 }, () => client.getKeys("sae-b", { number: 1 })));
    return 8;
  });
  rows.push(["ETSI 014 enc_keys (1 key, mTLS keep-alive, 8 in flight)", `${(r.count / r.wall).toFixed(0)} req/s`, `${(r.count / r.cpu).toFixed(0)} req/CPU-s`]);
}

// 2. Data keys issued/s through the envelope service (KEK from the simulator over ETSI 014).
const qkdSource = new Etsi014KeySource({ client, localSaeId: "sae-a", peerSaeId: "sae-b", lowWatermark: 64, highWatermark: 256, logger });
await qkdSource.refill();
function service(maxOperationsPerVersion?: number) {
  const audit = new MemoryAuditPublisher();
  return makeEnvelopeService({
    keys: new MemoryKeyStore(audit),
    policies: new MemoryPolicyStore(audit),
    ciphers: createSuiteCiphers(),
    qkd: qkdSource,
    pqc: new HybridPqcKeySource("sae-a", new LocalHybridKemPeer("sae-b")),
    sealer: new AesGcmMaterialSealer(randomBytes(32)),
    audit,
    clock: { now: () => new Date() },
    logger,
    defaultPolicy: { suite: "aes-256-gcm", requireQkd: true },
    ...(maxOperationsPerVersion ? { maxOperationsPerVersion } : {}),
  });
}
const ctx = { actor: "bench", organisationId: "bench" };
for (const suite of ["aes-256-gcm", "sm4-ctr-hmac-sm3"] as const) {
  const envelope = service();
  await envelope.createKey(ctx, "k", { suite });
  const r = await timed(3, async () => {
    await envelope.generateDataKey(ctx, "k");
    return 1;
  });
  rows.push([`data keys issued (${suite})`, `${(r.count / r.wall).toFixed(0)} keys/s`, `${(r.count / r.cpu).toFixed(0)} keys/CPU-s`]);
}

// 3. Streamed bulk encryption, 64 KiB chunks with a reused input buffer.
const chunk = randomBytes(64 * 1024);
function stream(label: string, make: () => { update(b: Buffer): Buffer; finish(): void }, seconds = 3): void {
  const r = { count: 0, wall: 0, cpu: 0 };
  const cpu = process.cpuUsage();
  const start = performance.now();
  const cipher = make();
  while (performance.now() - start < seconds * 1000) {
    for (let i = 0; i < 64; i++) cipher.update(chunk);
    r.count += 64 * chunk.length;
  }
  cipher.finish();
  r.wall = (performance.now() - start) / 1000;
  r.cpu = cpuSeconds(cpu);
  rows.push([`${label} (node, 64 KiB chunks)`, `${(r.count / MiB / r.wall).toFixed(0)} MiB/s`, `${(r.count / MiB / r.cpu).toFixed(0)} MiB/CPU-s`]);
}
stream("AES-256-GCM", () => {
  const c = createCipheriv("aes-256-gcm", randomBytes(32), randomBytes(12));
  return { update: (b) => c.update(b), finish: () => void c.final() };
});
stream("SM4-CTR + HMAC-SM3 (our gm suite)", () => {
  const okm = Buffer.from(hkdfSync("sm3", randomBytes(32), Buffer.alloc(0), Buffer.from("bench"), 48));
  const c = createCipheriv("sm4-ctr", okm.subarray(0, 16), randomBytes(16));
  const mac = createHmac("sm3", okm.subarray(16));
  return { update: (b) => { const out = c.update(b); mac.update(out); return out; }, finish: () => { c.final(); mac.digest(); } };
});
stream("SM4-CTR alone", () => {
  const c = createCipheriv("sm4-ctr", randomBytes(16), randomBytes(16));
  return { update: (b) => c.update(b), finish: () => void c.final() };
});

// openssl speed in the same run, when the binary exists.
for (const cipher of ["aes-256-gcm", "sm4-ctr"]) {
  try {
    const out = execFileSync("openssl", ["speed", "-evp", cipher, "-seconds", "2", "-bytes", "16384"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 20_000 });
    const line = out.split("\n").reverse().find((l) => /\d+\.\d+k\s*$/.test(l.trim()));
    const kbps = Number(line?.trim().split(/\s+/).pop()?.replace(/k$/, ""));
    rows.push([`${cipher} (openssl speed -evp, 16 KiB blocks)`, Number.isFinite(kbps) ? `${((kbps * 1000) / MiB).toFixed(0)} MiB/s` : "unparsed", "single thread"]);
  } catch {
    rows.push([`${cipher} (openssl speed)`, "openssl binary not available", ""]);
  }
}

// 4. QKD bits per GiB protected: one 256-bit QKD key per KEK version; measured with a small usage limit.
{
  const limit = 1024;
  const envelope = service(limit);
  await envelope.createKey(ctx, "q");
  let drawn = 1;
  const wraps = 8 * limit;
  for (let i = 0; i < wraps; i++) {
    if (qkdSource.stockCount < 4) await qkdSource.refill();
    const v = (await envelope.generateDataKey(ctx, "q", { wrappedOnly: true })).keyVersion;
    drawn = v;
  }
  const bitsPerWrap = (drawn * 256) / wraps;
  for (const objectMiB of [1, 64]) {
    const wrapsPerGiB = 1024 / objectMiB;
    rows.push([`QKD bits per GiB, ${objectMiB} MiB objects, KEK rotated every ${limit} wraps`, `${(bitsPerWrap * wrapsPerGiB).toFixed(1)} bit/GiB`, `measured ${drawn} KEKs for ${wraps} wraps`]);
  }
  rows.push(["QKD bits per GiB at the default limit (3,865,470,566 wraps/KEK), 1 MiB objects", `${((256 / 3_865_470_566) * 1024).toExponential(2)} bit/GiB`, "computed"]);
}

client.close();
await kme.close();

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length), 10));
const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(["measure", "per wall second", "per CPU second / note"]));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const r of rows) console.log(line(r));
