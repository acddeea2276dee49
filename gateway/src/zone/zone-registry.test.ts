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
  it("the newest session of a zone takes the traffic; older ones stay open as standbys; zones are separate", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const first = new FakeSession("first");
    const other = new FakeSession("other");
    registry.register("finance", first);
    registry.register("legal", other);
    const second = new FakeSession("second");
    registry.register("finance", second);
    assert.equal(registry.get("finance"), second);
    assert.equal(registry.get("legal"), other);
    assert.equal(registry.count("finance"), 2);
    assert.equal(first.closed + second.closed + other.closed, 0, "nobody is closed by a newcomer (replicas would flap)");
    assert.deepEqual(registry.zones(), ["finance", "legal"]);
  });

  it("when the newest drops the previous one answers at once; when all drop the zone is gone", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const older = new FakeSession("older");
    const newer = new FakeSession("newer");
    registry.register("finance", older);
    registry.register("finance", newer);
    assert.equal(registry.remove("finance", newer), true);
    assert.equal(registry.get("finance"), older);
    assert.equal(registry.remove("finance", newer), false, "removing twice is harmless");
    assert.equal(registry.remove("legal", older), false, "a session is only removed under its own zone");
    assert.equal(registry.remove("finance", older), true);
    assert.equal(registry.get("finance"), undefined);
    assert.deepEqual(registry.zones(), []);
  });

  it("a session that is closing is skipped before its close event arrives", () => {
    const registry = new ZoneRegistry<{ close(): void; live: boolean }>();
    const older = { close() {}, live: true };
    const closing = { close() {}, live: false };
    registry.register("finance", older);
    registry.register("finance", closing);
    assert.equal(registry.get("finance"), older);
    older.live = false;
    assert.equal(registry.get("finance"), undefined);
  });

  it("registering the same session again moves it to the front without duplicating it", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const a = new FakeSession("a");
    const b = new FakeSession("b");
    registry.register("finance", a);
    registry.register("finance", b);
    registry.register("finance", a);
    assert.equal(registry.get("finance"), a);
    assert.equal(registry.count("finance"), 2);
  });

  it("closeAll closes every session and empties the registry", () => {
    const registry = new ZoneRegistry<FakeSession>();
    const a = new FakeSession("a");
    const b = new FakeSession("b");
    const c = new FakeSession("c");
    registry.register("a", a);
    registry.register("a", b);
    registry.register("c", c);
    registry.closeAll();
    assert.deepEqual([a.closed, b.closed, c.closed], [1, 1, 1]);
    assert.equal(registry.get("a"), undefined);
  });
});
