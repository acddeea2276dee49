import assert from "node:assert/strict";
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { DeviceCore, initialState } from "./device-core.js";
import { COMMAND_SIGNATURE_CONTEXT, decode, encode, protocolTypes } from "./protocol.js";
import { SealSimulator } from "./seal-simulator.js";

// The platform side written from docs/device-protocol.md alone, as a vendor's test bench would.
const platform = generateKeyPairSync("ed25519");
const NOW = 1_767_225_600_000;

function signed(command: Record<string, unknown>, key = platform.privateKey): Uint8Array {
  const types = protocolTypes();
  const bytes = encode(types.Command, command);
  const signature = sign(null, Buffer.concat([Buffer.from(COMMAND_SIGNATURE_CONTEXT), bytes]), key);
  return encode(types.SignedCommand, { command: bytes, signature, keyId: "test" });
}

const authorise = (over: Record<string, unknown> = {}) => ({
  commandId: randomUUID(),
  nonce: randomBytes(16),
  issuedAtMs: String(NOW),
  expiresAtMs: String(NOW + 60_000),
  deviceId: "seal-1",
  authorise: { authorisationId: "auth-1", applicationId: "app-1", userId: "u-1", impressions: 1, validUntilMs: String(NOW + 60_000), uploadToken: "upload-token-1" },
  ...over,
});

describe("seal-sim device core", () => {
  const dir = mkdtempSync(join(tmpdir(), "seal-sim-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const core = () => new DeviceCore({ state: initialState("seal-1"), platformKey: platform.publicKey.export({ format: "pem", type: "spki" }).toString(), now: () => NOW });

  it("accepts a valid command from the raw 32-byte key too, and refuses a remote lock's replay", () => {
    const raw = Buffer.from(platform.publicKey.export({ format: "jwk" }).x ?? "", "base64url").toString("base64");
    const device = new DeviceCore({ state: initialState("seal-1"), platformKey: raw, now: () => NOW });
    assert.equal(device.receiveCommand(signed(authorise())).status, "accepted");
    const lock = { ...authorise(), authorise: undefined, lock: { reason: "remote" } };
    assert.equal(device.receiveCommand(signed(lock)).status, "accepted");
    assert.equal(device.state.locked, true);
    const replay = device.receiveCommand(signed({ ...lock, commandId: randomUUID() }));
    assert.equal(replay.status === "refused" && replay.reason, "replayed_nonce");
  });

  it("drops commands signed by another key and refuses expired ones", () => {
    const device = core();
    assert.equal(device.receiveCommand(signed(authorise(), generateKeyPairSync("ed25519").privateKey)).status, "dropped");
    const expired = device.receiveCommand(signed(authorise({ expiresAtMs: String(NOW - 1) })));
    assert.equal(expired.status === "refused" && decode(protocolTypes().CommandAck, expired.ack)["reason"], "expired");
  });

  it("numbers events from 1, keeps them until acknowledged, and an EventAck removes only the listed ones", () => {
    const device = core();
    device.receiveCommand(signed(authorise()));
    device.press();
    assert.deepEqual(device.state.queue.map((e) => e.sequence), [1, 2]);
    assert.equal(device.receiveEventAck(encode(protocolTypes().EventAck, { sequences: ["2", "99"] })), 1);
    assert.deepEqual(device.state.queue.map((e) => e.sequence), [1]);
  });

  it("a press with a photo quotes the photo's SHA-256 and queues the photo with the authorisation's upload token", () => {
    const device = core();
    device.receiveCommand(signed(authorise()));
    const photo = Buffer.from("a page photo");
    const press = device.press({ photo: { data: photo, contentType: "image/jpeg" } });
    assert.equal(press.accepted, true);
    const sha = createHash("sha256").update(photo).digest("hex");
    const event = decode(protocolTypes().DeviceEvent, Buffer.from(device.state.queue[0]?.payload ?? "", "base64"));
    assert.equal((event["impression"] as Record<string, unknown>)["photoRef"], sha);
    assert.deepEqual(device.state.photos, [{ sequence: 1, sha256: sha, contentType: "image/jpeg", data: photo.toString("base64"), uploadToken: "upload-token-1" }]);
    device.photoDone(1);
    assert.deepEqual(device.state.photos, []);
  });

  it("keeps its queue and sequence in the state file across a restart while offline", async () => {
    const stateFile = join(dir, "seal-1.json");
    const options = { brokerUrl: "mqtt://127.0.0.1:1", deviceId: "seal-1", secret: "x".repeat(32), platformKey: platform.publicKey.export({ format: "pem", type: "spki" }).toString(), stateFile };
    const first = SealSimulator.offline(options);
    assert.equal(first.press().accepted, false);
    first.forcedImpression();
    await first.stop();
    const second = SealSimulator.offline(options);
    assert.deepEqual(second.state.queue.map((e) => e.sequence), [1, 2]);
    assert.equal(second.state.nextSequence, 3);
    await second.stop();
    assert.throws(() => SealSimulator.offline({ ...options, deviceId: "seal-2" }), /belongs to device seal-1/);
  });
});
