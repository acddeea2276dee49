import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { organisationConfig } from "./config.js";

describe("ORGANISATION_ALARM_DELIVERY_*_NETWORKS", () => {
  it("are optional: ALLOWED unset (the module picks the mode's default), DENIED empty", () => {
    const parsed = organisationConfig.schema.parse({});
    assert.equal(parsed.ALARM_DELIVERY_ALLOWED_NETWORKS, undefined);
    assert.equal(parsed.ALARM_DELIVERY_DENIED_NETWORKS, "");
  });

  it("accept CIDR lists and `none`", () => {
    const parsed = organisationConfig.schema.parse({ ALARM_DELIVERY_ALLOWED_NETWORKS: "127.0.0.1/32, ::1", ALARM_DELIVERY_DENIED_NETWORKS: "none" });
    assert.equal(parsed.ALARM_DELIVERY_ALLOWED_NETWORKS, "127.0.0.1/32, ::1");
  });

  it("refuse, naming them, entries that are not CIDRs", () => {
    const result = organisationConfig.schema.safeParse({ ALARM_DELIVERY_ALLOWED_NETWORKS: "127.0.0.1/32,localhost", ALARM_DELIVERY_DENIED_NETWORKS: "10.0.0.0/40" });
    assert.equal(result.success, false);
    assert.deepEqual(
      result.error?.issues.map((i) => [i.path[0], i.message]),
      [
        ["ALARM_DELIVERY_ALLOWED_NETWORKS", "not a CIDR: localhost"],
        ["ALARM_DELIVERY_DENIED_NETWORKS", "not a CIDR: 10.0.0.0/40"],
      ],
    );
  });
});

describe("ORGANISATION_ALARM_DELIVERY_*_RETRY_DELAY_MS", () => {
  it("refuse a first retry delay above the longest one, and accept equal ones", () => {
    const refused = organisationConfig.schema.safeParse({ ALARM_DELIVERY_FIRST_RETRY_DELAY_MS: "60000", ALARM_DELIVERY_MAX_RETRY_DELAY_MS: "30000" });
    assert.equal(refused.success, false);
    assert.deepEqual(refused.error?.issues.map((i) => i.path[0]), ["ALARM_DELIVERY_FIRST_RETRY_DELAY_MS"]);
    assert.equal(organisationConfig.schema.safeParse({ ALARM_DELIVERY_FIRST_RETRY_DELAY_MS: "30000", ALARM_DELIVERY_MAX_RETRY_DELAY_MS: "30000" }).success, true);
  });
});
