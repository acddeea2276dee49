import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import mqtt from "mqtt";
import { createRootLogger } from "../logging/logger.js";
import { AedesDeviceBroker } from "./aedes-device-broker.js";
import { MemoryDeviceCredentialStore } from "./device-credential-store.js";
import { VerifiedSecretCache } from "./verified-secret-cache.js";

describe("VerifiedSecretCache", () => {
  it("matches only the same device, secret and stored verifier", () => {
    const cache = new VerifiedSecretCache();
    cache.remember("dev-1", "secret-a", "verifier-1");
    assert.equal(cache.matches("dev-1", "secret-a", "verifier-1"), true);
    assert.equal(cache.matches("dev-1", "secret-b", "verifier-1"), false, "another secret");
    assert.equal(cache.matches("dev-1", "secret-a", "verifier-2"), false, "the stored credential changed (rotated elsewhere)");
    assert.equal(cache.matches("dev-2", "secret-a", "verifier-1"), false, "another device");
    cache.forget("dev-1");
    assert.equal(cache.matches("dev-1", "secret-a", "verifier-1"), false, "forgotten");
  });

  it("keeps at most its bound, dropping the least recently used", () => {
    const cache = new VerifiedSecretCache(2);
    cache.remember("dev-1", "s1", "v1");
    cache.remember("dev-2", "s2", "v2");
    assert.equal(cache.matches("dev-1", "s1", "v1"), true); // dev-1 is now the most recent
    cache.remember("dev-3", "s3", "v3");
    assert.equal(cache.size, 2);
    assert.equal(cache.matches("dev-2", "s2", "v2"), false, "least recently used went first");
    assert.equal(cache.matches("dev-1", "s1", "v1"), true);
    assert.throws(() => new VerifiedSecretCache(0), RangeError);
  });
});

describe("AedesDeviceBroker reconnects with a remembered secret", { timeout: 30_000 }, () => {
  const connect = (url: string, deviceId: string, secret: string) =>
    mqtt.connectAsync(url, { clientId: deviceId, username: deviceId, password: secret, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 5000 });

  it("refuses a revoked or rotated-away device right after a remembered success", async () => {
    const credentials = new MemoryDeviceCredentialStore();
    const broker = await AedesDeviceBroker.start({ host: "127.0.0.1", port: 0, credentials, logger: createRootLogger({ level: "silent" }) });
    try {
      const deviceId = `dev-cache-${randomBytes(4).toString("hex")}`;
      const secret = randomBytes(24).toString("base64url");
      await broker.registerDevice(deviceId, secret);
      for (let i = 0; i < 3; i++) await (await connect(broker.brokerUrl, deviceId, secret)).endAsync(); // the 2nd and 3rd are remembered
      await assert.rejects(connect(broker.brokerUrl, deviceId, "not-the-secret-at-all-000"), "a wrong secret is still refused");
      const rotated = randomBytes(24).toString("base64url");
      await broker.registerDevice(deviceId, rotated);
      await assert.rejects(connect(broker.brokerUrl, deviceId, secret), "the old secret after rotation");
      await (await connect(broker.brokerUrl, deviceId, rotated)).endAsync();
      await (await connect(broker.brokerUrl, deviceId, rotated)).endAsync();
      await broker.revokeDevice(deviceId);
      await assert.rejects(connect(broker.brokerUrl, deviceId, rotated), "revoked right after a remembered success");
    } finally {
      await broker.close();
    }
  });

  it("honours a credential changed behind its back (another broker sharing the store)", async () => {
    const credentials = new MemoryDeviceCredentialStore();
    const broker = await AedesDeviceBroker.start({ host: "127.0.0.1", port: 0, credentials, logger: createRootLogger({ level: "silent" }) });
    try {
      const deviceId = `dev-cache-${randomBytes(4).toString("hex")}`;
      const secret = randomBytes(24).toString("base64url");
      await broker.registerDevice(deviceId, secret);
      await (await connect(broker.brokerUrl, deviceId, secret)).endAsync();
      await credentials.delete(deviceId);
      await assert.rejects(connect(broker.brokerUrl, deviceId, secret), "deleted from the shared store");
    } finally {
      await broker.close();
    }
  });
});
