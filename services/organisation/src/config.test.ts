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
