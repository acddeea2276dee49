// End to end: the stamping chain on the all-in-one process (built output, embedded defaults), driven by the
// shared driver in chain.mjs over REST, with a simulated seal on the embedded MQTT broker speaking the real
// device protocol. The same driver runs on separate processes against real servers in
// stamping-chain-processes.test.mjs. See docs/stamping-chain.md.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { PGlite } from "@electric-sql/pglite";
import { driveStampingChain, tamperLedgerEntry } from "./chain.mjs";
import { eventually, freePort, startPlatform, stopWithin } from "./support.mjs";

describe("the stamping chain through the gateway (embedded all-in-one)", { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "yunxi-chain-"));
  let platform;
  const simulators = [];
  after(async () => {
    for (const simulator of simulators) await simulator.stop().catch(() => undefined);
    platform?.child.kill("SIGKILL");
    if (platform) await Promise.race([platform.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("register → seal & device → apply → approve → device unlocks for exactly the approved impressions → locked → records and an intact evidence chain; bad input changes nothing; another organisation sees none of it", async () => {
    const mqttPort = await freePort();
    const env = {
      YUNXI_DATA_DIR: dataDir,
      YUNXI_HTTP_PORT: String(await freePort()),
      YUNXI_GRPC_PORT: String(await freePort()),
      YUNXI_MQTT_PORT: String(mqttPort),
      // Codes of the development SMS provider appear only at info level; the test reads them from the log.
      IDENTITY_SMS_PROVIDER: "development",
      LOG_LEVEL: "info",
      // The alarm webhook receiver runs on 127.0.0.1, which alarm deliveries refuse unless allowed.
      ORGANISATION_ALARM_DELIVERY_ALLOWED_NETWORKS: "127.0.0.1/32",
    };
    platform = startPlatform(env);
    const url = await platform.ready;

    /** The code the development SMS provider logged for `mobile` (the newest one). */
    const smsCodeFor = (mobile) =>
      eventually(`the SMS code for ${mobile} in the log`, async () => {
        let code;
        for (const line of platform.output().stdout.split("\n")) {
          if (!line.includes("developmentCode")) continue;
          const entry = JSON.parse(line);
          if (entry.mobile === mobile) code = entry.developmentCode;
        }
        return code;
      });

    /** Output of earlier runs of the platform in this test (it restarts once, for the ledger change). */
    let earlierOutput = "";
    /**
     * The embedded database is PGlite under the data dir and only one process may open it: stop the platform,
     * change the byte from here, start the platform again on the same data dir and ports.
     */
    const tamperOneStoredByte = async ({ organisationId, sequence }) => {
      const stopped = await stopWithin(platform, 15_000);
      assert.equal(stopped.code, 0, "the platform stops cleanly before its database is opened elsewhere");
      const { stdout, stderr } = platform.output();
      earlierOutput += stdout + stderr;
      const database = await PGlite.create({ dataDir: join(dataDir, "pglite") });
      try {
        await tamperLedgerEntry(async (sql, params) => (await database.query(sql, params)).affectedRows ?? 0, { organisationId, sequence });
      } finally {
        await database.close();
      }
      platform = startPlatform(env);
      assert.equal(await platform.ready, url, "the platform serves again at the same address");
    };

    await driveStampingChain({
      url,
      tamperOneStoredByte,
      storedObjects: async () => filesUnder(join(dataDir, "blobs", "objects")).map((file) => readFileSync(file)),
      mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
      smsCodeFor,
      logs: () => {
        const { stdout, stderr } = platform.output();
        return earlierOutput + stdout + stderr;
      },
      onSimulator: (simulator) => simulators.push(simulator),
    });
  });
});

/** Every file below `dir` (the local blob store keeps one file per object). */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}
