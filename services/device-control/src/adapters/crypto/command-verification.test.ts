import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { DeviceCore, decode, initialState, protocolTypes } from "@yunxi/seal-sim";
import type { Command } from "../../domain/commands.js";
import { Ed25519CommandSigner } from "./ed25519-command-signer.js";

const NOW = Date.parse("2026-03-01T08:00:00Z");

function authorise(deviceId: string, over: Partial<Command> = {}): Command {
  return {
    commandId: randomUUID(),
    nonce: randomBytes(16),
    issuedAt: new Date(NOW - 1000),
    expiresAt: new Date(NOW + 60_000),
    deviceId,
    body: { kind: "authorise", authorisationId: randomUUID(), applicationId: "app-1", userId: "user-1", impressions: 2, validUntil: new Date(NOW + 60_000), uploadToken: "upload-token" },
    ...over,
  };
}

function device(signer: Ed25519CommandSigner, deviceId = "dev-a") {
  return new DeviceCore({ state: initialState(deviceId), platformKey: signer.key.publicKeyPem, now: () => NOW });
}

const ackOf = (bytes: Uint8Array) => decode(protocolTypes().CommandAck, bytes);

describe("signed commands: platform signer and the device's checks", () => {
  const signer = Ed25519CommandSigner.generate();

  it("a device accepts a correctly signed command, unlocks, and answers a re-send as a duplicate without applying it again", () => {
    const seal = device(signer);
    const envelope = signer.seal(authorise("dev-a"));
    const first = seal.receiveCommand(envelope);
    assert.equal(first.status, "accepted");
    assert.equal(seal.state.locked, false);
    assert.equal(seal.state.authorisation?.remaining, 2);
    seal.press();
    const again = seal.receiveCommand(envelope);
    assert.equal(again.status, "duplicate");
    assert.equal(seal.state.authorisation?.remaining, 1, "a re-sent authorisation must not restore the count");
    assert.equal(ackOf(again.status === "duplicate" ? again.ack : new Uint8Array()).status, "COMMAND_STATUS_DUPLICATE");
  });

  it("refuses a replayed nonce under another command id", () => {
    const seal = device(signer);
    const original = authorise("dev-a");
    assert.equal(seal.receiveCommand(signer.seal(original)).status, "accepted");
    const replay = seal.receiveCommand(signer.seal({ ...original, commandId: randomUUID() }));
    assert.equal(replay.status, "refused");
    assert.equal(replay.status === "refused" && replay.reason, "replayed_nonce");
  });

  it("refuses expired, not-yet-valid and other devices' commands, and says why", () => {
    const seal = device(signer);
    const cases: [Command, string][] = [
      [authorise("dev-a", { expiresAt: new Date(NOW - 1) }), "expired"],
      [authorise("dev-a", { issuedAt: new Date(NOW + 3_600_000) }), "not_yet_valid"],
      [authorise("dev-b"), "wrong_device"],
    ];
    for (const [command, reason] of cases) {
      const outcome = seal.receiveCommand(signer.seal(command));
      assert.equal(outcome.status, "refused");
      assert.equal(outcome.status === "refused" && outcome.reason, reason);
      assert.equal(outcome.status === "refused" && ackOf(outcome.ack).reason, reason);
    }
    assert.equal(seal.state.locked, true);
    assert.equal(seal.state.authorisation, null);
  });

  it("drops (does not even answer) a command signed by another key or altered in transit", () => {
    const seal = device(signer);
    const forged = Ed25519CommandSigner.generate().seal(authorise("dev-a"));
    assert.deepEqual(seal.receiveCommand(forged), { status: "dropped", reason: "bad_signature" });
    const altered = Buffer.from(signer.seal(authorise("dev-a")));
    const index = altered.indexOf(Buffer.from("app-1"));
    assert.ok(index > 0);
    altered[index] = "b".charCodeAt(0);
    assert.deepEqual(seal.receiveCommand(altered), { status: "dropped", reason: "bad_signature" });
    assert.deepEqual(seal.receiveCommand(Buffer.from("not protobuf at all")).status, "dropped");
    assert.equal(seal.state.locked, true);
  });

  it("counts impressions down, locks itself when the count is used up and refuses the next press with an alarm", () => {
    const seal = device(signer);
    seal.receiveCommand(signer.seal(authorise("dev-a")));
    assert.equal(seal.press().accepted, true);
    const second = seal.press();
    assert.equal(second.accepted, true);
    assert.equal(second.events.length, 2, "the last impression is followed by a Locked event");
    assert.equal(seal.state.locked, true);
    const third = seal.press();
    assert.equal(third.accepted, false);
    const kinds = seal.state.queue.map((e) => decode(protocolTypes().DeviceEvent, Buffer.from(e.payload, "base64"))["body"]);
    assert.deepEqual(kinds, ["impression", "impression", "locked", "alarm"]);
    assert.deepEqual(seal.state.queue.map((e) => e.sequence), [1, 2, 3, 4]);
  });
});
