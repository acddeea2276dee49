import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createRootLogger } from "@yunxi/platform";
import { KmeHttpsServer } from "./adapters/etsi014/kme-https-server.js";
import { KmeSimulator } from "./adapters/etsi014/kme-simulator.js";
import { generateSimulatorPki } from "./adapters/etsi014/pki.js";
import { QKD_LINK_PROFILES, isQkdLinkProfile } from "./domain/qkd-link-profiles.js";

const USAGE = `usage: npm run kme -- --listen 127.0.0.1:PORT --pki DIR --sae sae-a --sae sae-b [--rate BITS_PER_S | --profile NAME] [--capacity KEYS] [--kme-id ID]

Standalone ETSI GS QKD 014 KME simulator. Writes ca.pem, <sae>.pem and <sae>-key.pem into DIR and
serves one simulated QKD link between the two SAEs. The pool starts full at --capacity keys (default
1000) and refills at --rate bits/s (0 never refills; default: the metro-45km-14.5dB profile).
Profiles: ${Object.entries(QKD_LINK_PROFILES).map(([name, rate]) => `${name} (${rate} bit/s)`).join(", ")}.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        listen: { type: "string" },
        pki: { type: "string" },
        sae: { type: "string", multiple: true },
        rate: { type: "string" },
        profile: { type: "string" },
        capacity: { type: "string" },
        "kme-id": { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const listen = /^(.+):(\d{1,5})$/.exec(parsed.listen ?? "");
  if (!listen) fail("--listen HOST:PORT is required");
  const host = (listen[1] as string).replace(/^\[(.*)\]$/, "$1");
  const port = Number(listen[2]);
  if (!parsed.pki) fail("--pki DIR is required");
  const saes = parsed.sae ?? [];
  if (saes.length !== 2 || saes[0] === saes[1]) fail("exactly two different --sae values are required");
  if (!saes.every((s) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(s))) fail("SAE IDs may contain letters, digits, . _ - (they become file names)");
  if (parsed.rate !== undefined && parsed.profile !== undefined) fail("give --rate or --profile, not both");
  if (parsed.profile !== undefined && !isQkdLinkProfile(parsed.profile)) fail(`unknown profile ${parsed.profile}`);
  const rate = parsed.rate !== undefined ? Number(parsed.rate) : QKD_LINK_PROFILES[(parsed.profile ?? "metro-45km-14.5dB") as keyof typeof QKD_LINK_PROFILES];
  if (!Number.isFinite(rate) || rate < 0) fail("--rate must be a number of bits/s >= 0");
  const capacity = Number(parsed.capacity ?? "1000");
  if (!Number.isSafeInteger(capacity) || capacity < 1) fail("--capacity must be a whole number of keys >= 1");
  const kmeId = parsed["kme-id"] ?? "yunxi-kme-sim";
  const [saeA, saeB] = saes as [string, string];

  const pki = await generateSimulatorPki({ kmeId, saeIds: saes, hosts: [...new Set([host, "localhost", "127.0.0.1"])] });
  await mkdir(parsed.pki, { recursive: true });
  await writeFile(join(parsed.pki, "ca.pem"), pki.ca.cert);
  for (const [sae, identity] of pki.saes) {
    await writeFile(join(parsed.pki, `${sae}.pem`), identity.cert);
    await writeFile(join(parsed.pki, `${sae}-key.pem`), identity.key, { mode: 0o600 });
  }

  const logger = createRootLogger({ level: process.env["LOG_LEVEL"] ?? "info" }).child({ service: "kme-simulator" });
  const simulator = new KmeSimulator(kmeId, [{ saeA, saeB, rateBitsPerSecond: rate, capacityKeys: capacity }]);
  const server = new KmeHttpsServer({ simulator, cert: pki.kme.cert, key: pki.kme.key, ca: pki.ca.cert, host, port, logger });
  const address = await server.listen();
  logger.info({ url: address.url, kmeId, saes, rateBitsPerSecond: rate, capacityKeys: capacity, pki: parsed.pki }, "ETSI 014 KME simulator listening");
  process.stdout.write(
    `try: curl --cacert ${join(parsed.pki, "ca.pem")} --cert ${join(parsed.pki, `${saeA}.pem`)} --key ${join(parsed.pki, `${saeA}-key.pem`)} ${address.url}/api/v1/keys/${saeB}/status\n`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

await main();
