import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { destinationPolicyFromSettings, destinationViolation, isIpLiteral, makeDestinationPolicy, parseNetwork, parseNetworkList, type DestinationPolicy } from "./destination-policy.js";

const reasonOf = (policy: DestinationPolicy, address: string): string => {
  const verdict = policy.judge(address);
  return verdict.allowed ? "allowed" : verdict.reason;
};

const networks = (text: string) => {
  const { networks: parsed, invalid } = parseNetworkList(text);
  assert.deepEqual(invalid, []);
  return parsed;
};

describe("destination policy: defaults", () => {
  const policy = makeDestinationPolicy();
  const cases: ReadonlyArray<readonly [string, string]> = [
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["169.255.0.1", "allowed"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["128.0.0.1", "allowed"],
    ["0.0.0.0", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["100.100.100.200", "cloud metadata"],
    ["100.100.100.201", "allowed"],
    ["10.1.2.3", "allowed"],
    ["172.16.0.1", "allowed"],
    ["172.31.255.255", "allowed"],
    ["192.168.1.10", "allowed"],
    ["8.8.8.8", "allowed"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["fec0::1", "allowed"],
    ["ff02::1", "multicast"],
    ["fd00:ec2::254", "cloud metadata"],
    ["fd12:3456::1", "allowed"],
    ["fc00::1", "allowed"],
    ["2001:db8::1", "allowed"],
    ["::2", "allowed"],
  ];
  for (const [address, expected] of cases) {
    it(`${address}: ${expected}`, () => assert.equal(reasonOf(policy, address), expected));
  }

  it("judges IPv4-mapped and NAT64 forms by the IPv4 address they carry", () => {
    assert.equal(reasonOf(policy, "::ffff:169.254.169.254"), "link-local");
    assert.equal(reasonOf(policy, "::ffff:a9fe:a9fe"), "link-local");
    assert.equal(reasonOf(policy, "::ffff:127.0.0.1"), "loopback");
    assert.equal(reasonOf(policy, "::FFFF:7F00:1"), "loopback");
    assert.equal(reasonOf(policy, "::ffff:0.0.0.0"), "unspecified");
    assert.equal(reasonOf(policy, "::ffff:224.0.0.1"), "multicast");
    assert.equal(reasonOf(policy, "64:ff9b::169.254.169.254"), "link-local");
    assert.equal(reasonOf(policy, "::ffff:10.0.0.1"), "allowed");
    assert.equal(reasonOf(policy, "::ffff:8.8.8.8"), "allowed");
  });

  it("refuses what is not an IP address rather than guessing", () => {
    for (const text of ["localhost", "", "127.1", "0x7f.0.0.1", "0177.0.0.1", "256.0.0.1", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::"]) {
      assert.equal(reasonOf(policy, text), "not an IP address", text);
    }
  });
});

describe("destination policy: operator settings", () => {
  it("ALLOWED opens a default refusal, only for the networks it names", () => {
    const policy = makeDestinationPolicy({ allowed: networks("127.0.0.1/32, ::1/128") });
    assert.equal(reasonOf(policy, "127.0.0.1"), "allowed");
    assert.equal(reasonOf(policy, "::ffff:127.0.0.1"), "allowed");
    assert.equal(reasonOf(policy, "::1"), "allowed");
    assert.equal(reasonOf(policy, "127.0.0.2"), "loopback");
    assert.equal(reasonOf(policy, "169.254.169.254"), "link-local");
  });

  it("an equally wide ALLOWED beats the default, a broader one does not reach a narrower default", () => {
    assert.equal(reasonOf(makeDestinationPolicy({ allowed: networks("127.0.0.0/8") }), "127.9.9.9"), "allowed");
    const everything = makeDestinationPolicy({ allowed: networks("0.0.0.0/0,::/0") });
    assert.equal(reasonOf(everything, "100.100.100.200"), "cloud metadata");
    assert.equal(reasonOf(everything, "169.254.169.254"), "link-local");
    assert.equal(reasonOf(makeDestinationPolicy({ allowed: networks("100.100.100.200/32") }), "100.100.100.200"), "allowed");
  });

  it("DENIED adds refusals; the more specific of ALLOWED and DENIED decides, DENIED on a tie", () => {
    const policy = makeDestinationPolicy({ denied: networks("10.0.0.0/8,fd00::/8"), allowed: networks("10.1.2.3/32,192.168.0.0/16") });
    assert.equal(reasonOf(policy, "10.9.9.9"), "denied network 10.0.0.0/8");
    assert.equal(reasonOf(policy, "::ffff:10.9.9.9"), "denied network 10.0.0.0/8");
    assert.equal(reasonOf(policy, "fd12::1"), "denied network fd00::/8");
    assert.equal(reasonOf(policy, "10.1.2.3"), "allowed");
    assert.equal(reasonOf(policy, "172.16.0.1"), "allowed");
    assert.equal(reasonOf(makeDestinationPolicy({ denied: networks("192.168.1.0/24"), allowed: networks("192.168.1.0/24") }), "192.168.1.5"), "denied network 192.168.1.0/24");
  });
});

describe("the deployment's settings", () => {
  it("allow loopback by default in embedded mode only, and `none` turns that off", () => {
    const embedded = destinationPolicyFromSettings(undefined, "", true);
    assert.deepEqual([embedded.embeddedDefault, reasonOf(embedded.policy, "127.0.0.1"), reasonOf(embedded.policy, "::1"), reasonOf(embedded.policy, "169.254.169.254")], [true, "allowed", "allowed", "link-local"]);
    const cluster = destinationPolicyFromSettings(undefined, "", false);
    assert.deepEqual([cluster.embeddedDefault, reasonOf(cluster.policy, "127.0.0.1"), reasonOf(cluster.policy, "10.0.0.1")], [false, "loopback", "allowed"]);
    const strict = destinationPolicyFromSettings("none", "10.96.0.0/12", true);
    assert.deepEqual([strict.embeddedDefault, reasonOf(strict.policy, "127.0.0.1"), reasonOf(strict.policy, "10.96.0.1")], [false, "loopback", "denied network 10.96.0.0/12"]);
    assert.equal(reasonOf(destinationPolicyFromSettings("127.0.0.1/32", "", false).policy, "127.0.0.1"), "allowed");
  });
});

describe("network lists", () => {
  it("parses CIDRs and bare addresses, and names every entry that is not one", () => {
    const { networks: parsed, invalid } = parseNetworkList(" 10.0.0.0/8, ,fd00::/8,192.168.1.7, ::ffff:10.0.0.0/104, 10.0.0.0/33, example.com, 1.2.3.4/-1 ");
    assert.deepEqual(
      parsed.map((n) => [n.family, n.prefix, n.text]),
      [
        [4, 8, "10.0.0.0/8"],
        [6, 8, "fd00::/8"],
        [4, 32, "192.168.1.7"],
        [4, 8, "::ffff:10.0.0.0/104"],
      ],
    );
    assert.deepEqual(invalid, ["10.0.0.0/33", "example.com", "1.2.3.4/-1"]);
    assert.deepEqual(parseNetworkList(""), { networks: [], invalid: [] });
    assert.deepEqual(parseNetworkList(" None "), { networks: [], invalid: [] });
    assert.deepEqual(parseNetworkList("none,10.0.0.0/8").invalid, ["none"], "`none` stands alone");
  });

  it("drops host bits, as a router does", () => {
    const network = parseNetwork("10.1.2.3/8");
    assert.ok(network);
    const policy = makeDestinationPolicy({ denied: [network] });
    assert.equal(reasonOf(policy, "10.200.0.1"), "denied network 10.1.2.3/8");
  });
});

describe("URLs with an IP literal host", () => {
  const policy = makeDestinationPolicy();
  it("are judged at once; host names are left to send time", () => {
    assert.deepEqual(destinationViolation(policy, "http://169.254.169.254/latest/meta-data/"), { field: "url", message: "destination 169.254.169.254 is not allowed (link-local)" });
    assert.deepEqual(destinationViolation(policy, "http://[::1]:8080/x"), { field: "url", message: "destination ::1 is not allowed (loopback)" });
    // The URL parser canonicalises these spellings to 127.0.0.1 / ::ffff:7f00:1 before the policy sees them.
    assert.equal(destinationViolation(policy, "http://2130706433/")?.message, "destination 127.0.0.1 is not allowed (loopback)");
    assert.equal(destinationViolation(policy, "http://0x7f.1/")?.message, "destination 127.0.0.1 is not allowed (loopback)");
    assert.equal(destinationViolation(policy, "http://[::ffff:127.0.0.1]/")?.message, "destination ::ffff:7f00:1 is not allowed (loopback)");
    assert.equal(destinationViolation(policy, "https://10.20.30.40/oa"), undefined);
    assert.equal(destinationViolation(policy, "https://metadata.internal/x"), undefined);
    assert.equal(destinationViolation(policy, "not a url"), undefined);
    assert.equal(destinationViolation(makeDestinationPolicy({ allowed: networks("127.0.0.1/32") }), "http://127.0.0.1:9/x"), undefined);
  });

  it("recognises literals", () => {
    assert.ok(isIpLiteral("[::1]") && isIpLiteral("10.0.0.1") && isIpLiteral("::ffff:1.2.3.4"));
    assert.ok(!isIpLiteral("example.com") && !isIpLiteral("1.2.3"));
  });
});
