import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import { captureLogger } from "../../test-logger.js";
import { MemoryAuditPublisher } from "../memory/memory-audit-publisher.js";
import { InMemoryQkdNetwork } from "./in-memory-qkd-network.js";

function network() {
  const audit = new MemoryAuditPublisher();
  const { logger, text } = captureLogger();
  return { net: new InMemoryQkdNetwork({ audit, clock: { now: () => new Date() }, logger }), audit, logText: text };
}

function containsKey(haystack: Buffer, key: Buffer): boolean {
  return haystack.includes(key) || haystack.equals(key);
}

describe("trusted-node key relay", () => {
  it("relays over a 3-node chain: both ends hold the same key, the wire and the middle node never hold it", async () => {
    const { net, audit, logText } = network();
    net.addLink("n0", "n1", 4096);
    net.addLink("n1", "n2", 4096);
    const { keyId, key, path } = await net.node("n0").relayTo("n2");
    assert.deepEqual(path, ["n0", "n1", "n2"]);
    assert.deepEqual(net.node("n2").takeDelivered(keyId), key);
    assert.equal(net.node("n1").deliveredCount, 0);
    assert.equal(net.wire.length, 2);
    for (const { message } of net.wire) {
      assert.ok(!containsKey(message.masked, key), "a hop carries K only one-time-padded");
      assert.ok(!containsKey(message.mac, key));
    }
    assert.notDeepEqual(net.wire[0]?.message.masked, net.wire[1]?.message.masked, "each hop uses its own link key");
    // Each hop consumed key length + MAC key from its link.
    assert.equal(net.availableBytes("n0", "n1"), 4096 - 64);
    assert.equal(net.availableBytes("n1", "n2"), 4096 - 64);
    assert.deepEqual(
      audit.events.map((e) => [e.operation, e.detail]),
      [["relay-hop", "forwarded by n1"], ["relay-hop", "delivered at n2"], ["relay-complete", "attempt 1"]],
    );
    assert.ok(!logText().includes(key.toString("hex")));
    assert.equal(net.node("n2").takeDelivered(keyId), undefined, "a relayed key is handed out once");
  });

  it("relays over a 5-node chain and reroutes around a failing link", async () => {
    const { net } = network();
    // n0-n1-n2-n3-n4 is the short way; n0-n5-n6-n7-n8-n4 is the long detour.
    for (const [a, b] of [["n0", "n1"], ["n1", "n2"], ["n2", "n3"], ["n3", "n4"], ["n0", "n5"], ["n5", "n6"], ["n6", "n7"], ["n7", "n4"]] as const) net.addLink(a, b, 8192);
    const direct = await net.node("n0").relayTo("n4");
    assert.deepEqual(direct.path, ["n0", "n1", "n2", "n3", "n4"]);
    assert.deepEqual(net.node("n4").takeDelivered(direct.keyId), direct.key);

    net.setLinkUp("n2", "n3", false);
    const before = net.wire.length;
    const rerouted = await net.node("n0").relayTo("n4");
    assert.deepEqual(rerouted.path, ["n0", "n5", "n6", "n7", "n4"]);
    assert.deepEqual(net.node("n4").takeDelivered(rerouted.keyId), rerouted.key);
    for (const node of ["n1", "n2", "n3", "n5", "n6", "n7"]) assert.equal(net.node(node).deliveredCount, 0);
    // Nothing was ever sent over the failed link.
    assert.ok(net.wire.slice(before).every(({ from, to }) => !(from === "n2" && to === "n3")));
  });

  it("prefers links with more key when hop counts tie, and fails loudly with no path", async () => {
    const { net } = network();
    net.addLink("a", "b", 200);
    net.addLink("b", "d", 200);
    net.addLink("a", "c", 100_000);
    net.addLink("c", "d", 100_000);
    const { path } = await net.node("a").relayTo("d");
    assert.deepEqual(path, ["a", "c", "d"]);
    net.setLinkUp("a", "c", false);
    net.setLinkUp("a", "b", false);
    await assert.rejects(net.node("a").relayTo("d"), (e) => isYunxiError(e, "Unavailable"));
  });

  it("refuses a tampered hop message and delivers nothing", async () => {
    const { net } = network();
    net.addLink("a", "b", 1024);
    net.tamper = (message) => {
      const masked = Buffer.from(message.masked);
      masked[0] = (masked[0] ?? 0) ^ 1;
      return { ...message, masked };
    };
    await assert.rejects(net.node("a").relayTo("b"), (e) => isYunxiError(e, "InvalidArgument") && /authentication/.test(e.message));
    assert.equal(net.node("b").deliveredCount, 0);
  });
});
