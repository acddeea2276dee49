import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ZoneRegistry } from "./zone-registry.js";

class FakeSession {
  closed = 0;
  constructor(readonly label: string) {}
  close() {
    this.closed += 1;
  }
}

describe("ZoneRegistry", () => {
  it("a new session for a zone replaces and closes the old one; other zones are untouched", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const first = new FakeSession("first");
    const other = new FakeSession("other");
    registry.register("finance", first);
    registry.register("legal", other);
    const second = new FakeSession("second");
    registry.register("finance", second);
    assert.equal(registry.get("finance"), second);
    assert.equal(first.closed, 1);
    assert.equal(second.closed, 0);
    assert.equal(other.closed, 0);
    assert.deepEqual(registry.zones(), ["finance", "legal"]);
  });

  it("a replaced session closing late does not unregister its replacement", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const stale = new FakeSession("stale");
    const fresh = new FakeSession("fresh");
    registry.register("finance", stale);
    registry.register("finance", fresh);
    assert.equal(registry.remove("finance", stale), false);
    assert.equal(registry.get("finance"), fresh);
    assert.equal(registry.remove("finance", fresh), true);
    assert.equal(registry.get("finance"), undefined);
    assert.deepEqual(registry.zones(), []);
  });

  it("registering the same session twice does not close it", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const session = new FakeSession("s");
    registry.register("finance", session);
    registry.register("finance", session);
    assert.equal(session.closed, 0);
  });

  it("closeAll closes every session and empties the registry", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const a = new FakeSession("a");
    const b = new FakeSession("b");
    registry.register("a", a);
    registry.register("b", b);
    registry.closeAll();
    assert.deepEqual([a.closed, b.closed], [1, 1]);
    assert.equal(registry.get("a"), undefined);
  });
});
