import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { EmbeddedPostgres } from "../db/pglite-sql-database.js";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { AedesDeviceBroker } from "./aedes-device-broker.js";
import { connectBounded } from "./mqtt-connect.js";
import { SqlDeviceCredentialStore } from "./sql-device-credential-store.js";

describe("SqlDeviceCredentialStore", { timeout: 120_000 }, () => {
  it("puts, replaces, gets and deletes", async () => {
    const embedded = await EmbeddedPostgres.open();
    try {
      const store = await SqlDeviceCredentialStore.open(await embedded.database("platform_mqtt"));
      assert.equal(await store.get("d1"), undefined);
      await store.put({ deviceId: "d1", verifier: "v1", updatedAt: new Date(0) });
      await store.put({ deviceId: "d1", verifier: "v2", updatedAt: new Date(1000) });
      assert.deepEqual(await store.get("d1"), { deviceId: "d1", verifier: "v2", updatedAt: new Date(1000) });
      assert.equal(await store.delete("d1"), true);
      assert.equal(await store.delete("d1"), false);
    } finally {
      await embedded.close();
    }
  });

  it("lets a device registered before a restart of the embedded broker and database log in after it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "yunxi-creds-"));
    const logger = createRootLogger({ level: "warn" });
    const secret = randomBytes(24).toString("base64url");
    try {
      let embedded = await EmbeddedPostgres.open({ dataDir: dir });
      let broker = await AedesDeviceBroker.start({ port: 0, logger, credentials: await SqlDeviceCredentialStore.open(await embedded.database("platform_mqtt")) });
      await broker.registerDevice("seal-1", secret);
      await broker.close();
      await embedded.close();

      embedded = await EmbeddedPostgres.open({ dataDir: dir });
      broker = await AedesDeviceBroker.start({ port: 0, logger, credentials: await SqlDeviceCredentialStore.open(await embedded.database("platform_mqtt")) });
      try {
        const device = await connectBounded(broker.brokerUrl, { clientId: "seal-1", username: "seal-1", password: secret, reconnectPeriod: 0 }, { brokerLabel: "embedded test broker", timeoutMs: 5000 });
        await device.endAsync();
        await assert.rejects(connectBounded(broker.brokerUrl, { clientId: "seal-1", username: "seal-1", password: `${secret}x`, reconnectPeriod: 0 }, { brokerLabel: "embedded test broker", timeoutMs: 5000 }), (error: unknown) => isYunxiError(error, "Unauthenticated"));
      } finally {
        await broker.close();
        await embedded.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
