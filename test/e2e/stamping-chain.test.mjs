// End to end: the stamping chain on the all-in-one process (built output, embedded defaults), driven by the
// shared driver in chain.mjs over REST, with a simulated seal on the embedded MQTT broker speaking the real
// device protocol. The same driver runs on separate processes against real servers in
// stamping-chain-processes.test.mjs. See docs/stamping-chain.md.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { driveStampingChain } from "./chain.mjs";
import { eventually, freePort, startPlatform } from "./support.mjs";

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
    platform = startPlatform({
      YUNXI_DATA_DIR: dataDir,
      YUNXI_HTTP_PORT: String(await freePort()),
      YUNXI_GRPC_PORT: String(await freePort()),
      YUNXI_MQTT_PORT: String(mqttPort),
      // Codes of the development SMS provider appear only at info level; the test reads them from the log.
      IDENTITY_SMS_PROVIDER: "development",
      LOG_LEVEL: "info",
    });
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

    await driveStampingChain({
      url,
      mqttUrl: `mqtt://127.0.0.1:${mqttPort}`,
      smsCodeFor,
      logs: () => {
        const { stdout, stderr } = platform.output();
        return stdout + stderr;
      },
      onSimulator: (simulator) => simulators.push(simulator),
    });
  });
});
