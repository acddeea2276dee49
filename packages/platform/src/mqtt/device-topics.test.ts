import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isYunxiError } from "../errors/errors.js";
import {
  assertDeviceId,
  assertDeviceSecret,
  filterWithinScope,
  isValidTopicFilter,
  mayDevicePublish,
  mayDeviceSubscribe,
  mayPlatformPublish,
  mayPlatformSubscribe,
  topicMatchesFilter,
} from "./device-topics.js";

describe("device topic rules", () => {
  it("accepts only device ids of [A-Za-z0-9_-]{1,64}", () => {
    for (const good of ["a", "SEAL-0001_x", "x".repeat(64)]) assert.doesNotThrow(() => assertDeviceId(good));
    for (const bad of ["", "x".repeat(65), "a/b", "a+b", "a#", "a b", "a.b", "$sys", "设备", 42, undefined]) {
      assert.throws(() => assertDeviceId(bad), (error) => isYunxiError(error, "InvalidArgument"), String(bad));
    }
  });

  it("never echoes a rejected secret in the error", () => {
    const secret = "too-short-123";
    assert.throws(
      () => assertDeviceSecret(secret),
      (error) => isYunxiError(error, "InvalidArgument") && !error.message.includes(secret),
    );
    assert.doesNotThrow(() => assertDeviceSecret("s".repeat(16)));
    assert.throws(() => assertDeviceSecret("s".repeat(257)), (error) => isYunxiError(error, "InvalidArgument"));
  });

  it("matches topics like MQTT does", () => {
    assert.ok(topicMatchesFilter("a/+/c", "a/b/c"));
    assert.ok(topicMatchesFilter("a/#", "a"));
    assert.ok(topicMatchesFilter("a/#", "a/b/c"));
    assert.ok(!topicMatchesFilter("a/+", "a/b/c"));
    assert.ok(!topicMatchesFilter("a/b", "a/b/c"));
    assert.ok(!topicMatchesFilter("#", "$SYS/x"));
    assert.ok(!topicMatchesFilter("+/x", "$SYS/x"));
  });

  it("validates filters", () => {
    for (const good of ["a", "a/+/c", "#", "a/#", "+"]) assert.ok(isValidTopicFilter(good), good);
    for (const bad of ["", "a/#/c", "a/b#", "a+/b", "a/\u0000"]) assert.ok(!isValidTopicFilter(bad), bad);
    assert.ok(filterWithinScope("a/b/#", "a/b/+/d"));
    assert.ok(!filterWithinScope("a/b/#", "a/+/c"));
    assert.ok(!filterWithinScope("a/b/#", "#"));
  });

  it("lets a device publish only below its own up/", () => {
    assert.ok(mayDevicePublish("d1", "yunxi/v1/devices/d1/up/events"));
    assert.ok(mayDevicePublish("d1", "yunxi/v1/devices/d1/up/shadow/reported"));
    assert.ok(!mayDevicePublish("d1", "yunxi/v1/devices/d2/up/events"));
    assert.ok(!mayDevicePublish("d1", "yunxi/v1/devices/d1/down/commands"));
    assert.ok(!mayDevicePublish("d1", "yunxi/v1/devices/d10/up/events"));
    assert.ok(!mayDevicePublish("d1", "yunxi/v1/devices/d1/up/+"));
    assert.ok(!mayDevicePublish("d1", "$CONTROL/dynamic-security/v1"));
  });

  it("lets a device subscribe only below its own down/", () => {
    assert.ok(mayDeviceSubscribe("d1", "yunxi/v1/devices/d1/down/#"));
    assert.ok(mayDeviceSubscribe("d1", "yunxi/v1/devices/d1/down/commands"));
    assert.ok(mayDeviceSubscribe("d1", "yunxi/v1/devices/d1/down/+/x"));
    for (const bad of [
      "yunxi/v1/devices/d2/down/#",
      "yunxi/v1/devices/+/down/#",
      "yunxi/v1/devices/d1/+/#",
      "yunxi/v1/devices/d1/#",
      "yunxi/v1/devices/d1/up/#",
      "#",
      "$SYS/#",
    ]) {
      assert.ok(!mayDeviceSubscribe("d1", bad), bad);
    }
  });

  it("keeps the platform below yunxi/v1/", () => {
    assert.ok(mayPlatformPublish("yunxi/v1/devices/d1/down/commands"));
    assert.ok(!mayPlatformPublish("yunxi/v2/x"));
    assert.ok(!mayPlatformPublish("yunxi/v1/devices/+/down"));
    assert.ok(mayPlatformSubscribe("yunxi/v1/devices/+/up/#"));
    assert.ok(mayPlatformSubscribe("yunxi/v1/#"));
    assert.ok(!mayPlatformSubscribe("yunxi/+/devices/#"));
    assert.ok(!mayPlatformSubscribe("#"));
  });
});
