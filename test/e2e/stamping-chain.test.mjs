// End to end: the stamping chain on the all-in-one process (built output, embedded defaults), driven over
// REST only, with a simulated seal on the embedded MQTT broker speaking the real device protocol:
// register → organisation → seal & device → application → approval → signed authorisation → impressions →
// lock → records → evidence ledger. See docs/stamping-chain.md.
import assert from "node:assert/strict";
import { createHash, randomInt, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { SealSimulator } from "@yunxi/seal-sim";
import { eventually, freePort, startPlatform } from "./support.mjs";

const PASSWORD = "chain-test-Passw0rd";
const WAIT_MS = 30_000;

describe("the stamping chain through the gateway (embedded all-in-one)", { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), "yunxi-chain-"));
  let platform;
  const simulators = [];
  after(async () => {
    for (const simulator of simulators) await simulator.stop().catch(() => undefined);
    platform?.child.kill("SIGKILL");
    if (platform) await Promise.race([platform.exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("register → seal & device → apply → approve → device unlocks for exactly 2 impressions → locked → records and an intact evidence chain; another organisation sees none of it", async () => {
    const mqttPort = await freePort();
    platform = startPlatform({
      YUNXI_DATA_DIR: dataDir,
      YUNXI_HTTP_PORT: String(await freePort()),
      YUNXI_GRPC_PORT: String(await freePort()),
      YUNXI_MQTT_PORT: String(mqttPort),
      // Codes of the development SMS provider appear only at info level; the test reads them from the log.
      IDENTITY_SMS_PROVIDER: "development",
      LOG_LEVEL: "info",
    });
    const url = await platform.ready;

    /** One REST call; returns { status, body }. */
    const api = async (method, path, { token, body } = {}) => {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    /** A REST call that must answer `status`; returns the body. */
    const ok = async (status, method, path, options) => {
      const { status: actual, body } = await api(method, path, options);
      assert.equal(actual, status, `${method} ${path}: ${JSON.stringify(body)}`);
      return body;
    };

    /** The code the development SMS provider logged for `mobile` (the newest one). */
    const smsCodeFor = (mobile) =>
      eventually(`the SMS code for ${mobile} in the log`, async () => {
        let code;
        for (const line of platform.output().stdout.split("\n")) {
          if (!line.includes("developmentCode")) continue;
          const entry = JSON.parse(line);
          if (entry.mobile === mobile) code = entry.developmentCode;
        }
        return code;
      });
    const newMobile = () => `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;
    const register = async (displayName, organisation) => {
      const mobile = newMobile();
      await ok(202, "POST", "/api/v1/auth/sms-codes", { body: { mobile } });
      const smsCode = await smsCodeFor(mobile);
      const wrong = await api("POST", "/api/v1/auth/register", { body: { mobile, smsCode: smsCode === "000000" ? "111111" : "000000", password: PASSWORD, displayName, ...organisation } });
      assert.equal(wrong.status, 400, "a wrong SMS code is refused");
      const token = await ok(201, "POST", "/api/v1/auth/register", { body: { mobile, smsCode, password: PASSWORD, displayName, ...organisation } });
      return { mobile, token: token.accessToken, userId: token.accountId, organisationId: token.organisationId };
    };
    const login = async (user) => (await ok(200, "POST", "/api/v1/auth/login", { body: { mobile: user.mobile, password: PASSWORD } })).accessToken;

    // --- people: an administrator creating an organisation; a member and an approver joining by its code.
    const organisationCode = `CHAIN-${randomUUID().slice(0, 8).toUpperCase()}`;
    const admin = await register("Chain Admin", { newOrganisationName: "Chain Test Co.", newOrganisationCode: organisationCode });
    assert.ok(admin.organisationId, "registration created an organisation");
    const organisation = await ok(200, "GET", "/api/v1/organisation", { token: admin.token });
    assert.equal(organisation.code, organisationCode);
    const member = await register("Chain Member", { organisationCode });
    const approver = await register("Chain Approver", { organisationCode });
    for (const user of [member, approver]) assert.equal(user.organisationId, admin.organisationId, "joined the administrator's organisation");

    await ok(200, "PUT", `/api/v1/organisation/members/${approver.userId}/roles`, { token: admin.token, body: { roles: ["member", "approver"] } });
    approver.token = await login(approver); // roles travel in the token: a fresh one carries the grant

    // --- seal and device.
    const seal = await ok(201, "POST", "/api/v1/seals", { token: admin.token, body: { name: "合同专用章", physical: { sealType: "CONTRACT", sizeMm: 40, material: "RUBBER" } } });
    const provisioned = await ok(201, "POST", "/api/v1/devices", { token: admin.token, body: { serial: `SIM-${randomUUID().slice(0, 8)}`, model: "YX-S1" } });
    const deviceId = provisioned.device.id;
    assert.ok(provisioned.secret, "the one-time device secret is returned");
    assert.ok(provisioned.commandKey.publicKeyPem.includes("PUBLIC KEY"));
    await ok(200, "PUT", `/api/v1/seals/${seal.id}/device`, { token: admin.token, body: { deviceId } });

    // --- the device: the reference client of the device protocol on the embedded broker.
    const simulator = await SealSimulator.start({
      brokerUrl: `mqtt://127.0.0.1:${mqttPort}`,
      deviceId,
      secret: provisioned.secret,
      platformKey: provisioned.commandKey.publicKeyPem,
      resendIntervalMs: 1000,
    });
    simulators.push(simulator);

    // --- the application: the member files and submits; the device must stay locked until it is approved.
    const document = Buffer.from("%PDF-1.4 chain test contract\n");
    const application = await ok(201, "POST", "/api/v1/applications", {
      token: member.token,
      body: {
        sealId: seal.id,
        title: "Supply contract",
        documents: [{ objectKey: `docs/${randomUUID()}.pdf`, sha256: createHash("sha256").update(document).digest("hex"), contentType: "application/pdf" }],
        impressionCount: 2,
      },
    });
    await ok(200, "POST", `/api/v1/applications/${application.id}/submit`, { token: member.token, body: {} });
    const early = simulator.press();
    assert.equal(early.accepted, false, "the device does not unlock before approval");
    assert.equal(simulator.state.authorisation, null);
    const selfApproval = await api("POST", `/api/v1/applications/${application.id}/approve`, { token: member.token, body: { comment: "me" } });
    assert.equal(selfApproval.status, 403, "a member cannot approve");

    const approved = await ok(200, "POST", `/api/v1/applications/${application.id}/approve`, { token: approver.token, body: { comment: "approved for the supply contract" } });
    assert.equal(approved.state, "APPROVED");

    // --- approval event → device-control → signed authorisation over MQTT → the device unlocks.
    await simulator.waitFor((s) => !s.state.locked && s.state.authorisation?.applicationId === application.id, WAIT_MS, "the authorisation for the application");
    assert.equal(simulator.state.authorisation.userId, member.userId, "authorised for the applicant");
    assert.equal(simulator.state.authorisation.remaining, 2);

    const presses = [simulator.press({ photoRef: "photo-1" }), simulator.press({ photoRef: "photo-2" })];
    assert.deepEqual(presses.map((p) => p.accepted), [true, true]);
    assert.equal(simulator.state.locked, true, "the device locks itself when the count is used up");
    const third = simulator.press({ photoRef: "photo-3" });
    assert.equal(third.accepted, false, "a third press is refused");
    await simulator.waitFor((s) => s.state.queue.length === 0, WAIT_MS, "the platform's acknowledgements of every event");

    // --- records, read back from the platform.
    const records = await eventually("the device's records", async () => {
      const body = await ok(200, "GET", `/api/v1/devices/${deviceId}/records`, { token: admin.token });
      return body.impressions.length >= 2 && body.locks.length >= 1 ? body : undefined;
    });
    assert.equal(records.impressions.length, 2, "exactly 2 impressions for 2 accepted presses");
    for (const impression of records.impressions) {
      assert.equal(impression.applicationId, application.id);
      assert.equal(impression.userId, member.userId);
      assert.equal(impression.authorised, true);
    }
    assert.deepEqual(records.impressions.map((i) => i.photoRef).sort(), ["photo-1", "photo-2"]);
    assert.deepEqual(records.locks.map((l) => l.reason), ["count_used_up"]);
    assert.equal(records.alarms.filter((a) => a.kind === "unauthorised_attempt").length, 2, "the press before approval and the third press are alarms");
    const device = await ok(200, "GET", `/api/v1/devices/${deviceId}`, { token: admin.token });
    assert.equal(device.locked, true);

    // --- the evidence ledger: the application's chain of custody, and the whole chain verifies.
    const chain = await eventually("the application's evidence chain", async () => {
      const { entries } = await ok(200, "GET", `/api/v1/evidence/entries?subject=${application.id}`, { token: admin.token });
      const kinds = entries.map((e) => e.kind);
      return kinds.includes("approval.application-submitted") && kinds.includes("approval.application-approved") && kinds.filter((k) => k === "device-control.impression-recorded").length >= 2
        ? entries
        : undefined;
    });
    const kinds = chain.map((e) => e.kind);
    assert.equal(kinds.filter((k) => k === "device-control.impression-recorded").length, 2, "each impression recorded once in the ledger");
    assert.ok(kinds.indexOf("approval.application-submitted") < kinds.indexOf("approval.application-approved"), "submitted before approved");
    assert.ok(kinds.indexOf("approval.application-approved") < kinds.indexOf("device-control.impression-recorded"), "approved before the impressions");
    for (const entry of chain) assert.equal(entry.organisationId, admin.organisationId);
    const verified = await ok(200, "POST", "/api/v1/evidence/verify", { token: admin.token, body: {} });
    assert.equal(verified.ok, true, JSON.stringify(verified));
    assert.ok(Number(verified.checked) >= chain.length);

    // --- tenant isolation: another organisation's administrator sees none of it.
    const outsider = await register("Outsider Admin", { newOrganisationName: "Other Co." });
    assert.notEqual(outsider.organisationId, admin.organisationId);
    for (const path of [`/api/v1/devices/${deviceId}/records`, `/api/v1/devices/${deviceId}`, `/api/v1/applications/${application.id}`, `/api/v1/seals/${seal.id}`]) {
      const response = await api("GET", path, { token: outsider.token });
      assert.equal(response.status, 404, `${path} from another organisation: ${JSON.stringify(response.body)}`);
    }
    const foreignChain = await ok(200, "GET", `/api/v1/evidence/entries?subject=${application.id}`, { token: outsider.token });
    assert.deepEqual(foreignChain.entries, [], "another organisation's ledger holds nothing of this application");

    // Secrets never reach the log: passwords and the device secret.
    const { stdout, stderr } = platform.output();
    assert.doesNotMatch(stdout + stderr, new RegExp(PASSWORD));
    assert.ok(!(stdout + stderr).includes(provisioned.secret), "the device secret is not logged");
  });
});
