import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseConfig } from "../config/config.js";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { platformConfigSpec } from "../runtime/platform-config.js";
import { eventNames, eventNamespaceProblem } from "./event-namespace.js";
import { KafkaEventBus } from "./kafka-event-bus.js";

const logger = createRootLogger({ level: "silent" });

describe("event namespaces", () => {
  it("prefix topics and group ids, and map a broker topic back to the logical one", () => {
    const names = eventNames("prod-east");
    assert.equal(names.topic("yunxi.approval.v1.application-approved"), "prod-east.yunxi.approval.v1.application-approved");
    assert.equal(names.group("audit.ledger"), "prod-east.audit.ledger");
    assert.equal(names.logicalTopic("prod-east.yunxi.approval.v1.application-approved"), "yunxi.approval.v1.application-approved");
  });

  it("leave every name unchanged when unset, so existing installations keep their topics and groups", () => {
    for (const names of [eventNames(undefined), eventNames("")]) {
      assert.equal(names.namespace, undefined);
      assert.equal(names.topic("yunxi.audit.v1.entry-appended"), "yunxi.audit.v1.entry-appended");
      assert.equal(names.group("device-control.authorisations"), "device-control.authorisations");
      assert.equal(names.logicalTopic("yunxi.audit.v1.entry-appended"), "yunxi.audit.v1.entry-appended");
    }
  });

  it("accept short lower-case names with inner dashes and refuse anything else", () => {
    for (const good of ["a", "prod", "prod-east", "e2e-m3k2x9-4f1a", "0", "x".repeat(40)]) {
      assert.equal(eventNamespaceProblem(good), undefined, good);
    }
    for (const bad of ["", "Prod", "prod.east", "prod_east", "-prod", "prod-", "prod east", "x".repeat(41), "印章"]) {
      assert.match(eventNamespaceProblem(bad) ?? "", /lower-case letters, digits or dashes/, bad);
    }
  });
});

describe("YUNXI_EVENT_NAMESPACE", () => {
  it("is optional and read as given", () => {
    const unset = parseConfig(platformConfigSpec, {});
    assert.ok(unset.ok);
    assert.equal(unset.value.EVENT_NAMESPACE, undefined);
    const set = parseConfig(platformConfigSpec, { YUNXI_EVENT_NAMESPACE: "staging-2" });
    assert.ok(set.ok, JSON.stringify(set));
    assert.equal(set.value.EVENT_NAMESPACE, "staging-2");
  });

  it("refuses a bad value at startup, naming the variable and the rule", () => {
    const parsed = parseConfig(platformConfigSpec, { YUNXI_EVENT_NAMESPACE: "Staging.2" });
    assert.equal(parsed.ok, false);
    const problems = parsed.ok ? [] : parsed.problems;
    assert.equal(problems.length, 1, JSON.stringify(problems));
    assert.equal(problems[0]?.variable, "YUNXI_EVENT_NAMESPACE");
    assert.match(problems[0]?.message ?? "", /lower-case letters, digits or dashes/);
  });
});

describe("KafkaEventBus namespace option", () => {
  it("refuses an invalid namespace before connecting to anything", () => {
    assert.throws(
      () => new KafkaEventBus({ brokers: ["127.0.0.1:9"], clientId: "test", logger, namespace: "Bad.Namespace" }),
      (error: unknown) => isYunxiError(error, "InvalidArgument") && error.message.includes("Bad.Namespace"),
    );
  });

  it("refuses a topic that the namespace would push past Kafka's 249 characters, publishing nothing", async () => {
    const bus = new KafkaEventBus({ brokers: ["127.0.0.1:9"], clientId: "test", logger, namespace: "x".repeat(40) });
    try {
      const topic = `yunxi.test.v1.${"t".repeat(249 - "yunxi.test.v1.".length)}`; // valid without the namespace
      await assert.rejects(
        bus.publish([{ topic, key: "k", value: new Uint8Array([1]), headers: {} }]),
        (error: unknown) => isYunxiError(error, "InvalidArgument") && error.message.includes("invalid topic name"),
      );
    } finally {
      await bus.close();
    }
  });
});
