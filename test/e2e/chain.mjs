// The stamping chain, driven over REST only with a simulated seal speaking the real device protocol, as ONE
// driver shared by every run of it (embedded all-in-one; one process per service on real servers), so both
// runs assert the same things. One function per step; each takes the run's `chain` context.
// See docs/stamping-chain.md.
import assert from "node:assert/strict";
import { createHash, randomInt, randomUUID } from "node:crypto";
import { SealSimulator } from "@yunxi/seal-sim";
import { eventually } from "./support.mjs";

export const PASSWORD = "chain-test-Passw0rd";
const IMPRESSIONS = 2;

/**
 * Drives the whole chain and asserts every step.
 * - `url`: the gateway's base URL; `mqttUrl`: the broker devices connect to.
 * - `smsCodeFor(mobile)`: the newest development SMS code for `mobile` (read from the log).
 * - `logs()`: everything the platform's processes wrote so far (checked for leaked secrets).
 * - `onSimulator(simulator)`: lets the caller stop simulators in its `after`.
 * - `waitMs`: bound of every wait for asynchronous work (events, MQTT).
 * Returns what it created, for callers that assert more.
 */
export async function driveStampingChain({ url, mqttUrl, smsCodeFor, logs, onSimulator = () => undefined, waitMs = 30_000 }) {
  const chain = { url, mqttUrl, smsCodeFor, logs, onSimulator, waitMs, ...restClient(url) };
  const people = await registerPeople(chain);
  const device = await provisionSealAndDevice(chain, people);
  const simulator = await connectDevice(chain, device);
  const application = await fileApplication(chain, people, device);
  await assertLockedUntilApproved(chain, people, application, simulator);
  await approve(chain, people, application, simulator);
  await pressUntilLocked(chain, simulator);
  await assertRecords(chain, people, device, application);
  const evidence = await assertEvidence(chain, people, application);
  await assertIsolation(chain, device, application, people);
  assertNoSecretsLogged(chain, device);
  return { people, device, application, evidence, simulator };
}

/** `api` answers { status, body } for one REST call; `ok` insists on a status and returns the body. */
export function restClient(url) {
  const api = async (method, path, { token, body, rawBody } = {}) => {
    const hasBody = body !== undefined || rawBody !== undefined;
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(hasBody ? { "content-type": "application/json" } : {}) },
      ...(hasBody ? { body: rawBody ?? JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  };
  const ok = async (status, method, path, options) => {
    const { status: actual, body } = await api(method, path, options);
    assert.equal(actual, status, `${method} ${path}: ${JSON.stringify(body)}`);
    return body;
  };
  return { api, ok };
}

const newMobile = () => `139${String(randomInt(0, 100_000_000)).padStart(8, "0")}`;

/** Registers one account (a wrong SMS code first, which must be refused), joining or creating an organisation. */
async function register(chain, displayName, organisation) {
  const mobile = newMobile();
  await chain.ok(202, "POST", "/api/v1/auth/sms-codes", { body: { mobile } });
  const smsCode = await chain.smsCodeFor(mobile);
  const wrong = await chain.api("POST", "/api/v1/auth/register", {
    body: { mobile, smsCode: smsCode === "000000" ? "111111" : "000000", password: PASSWORD, displayName, ...organisation },
  });
  assert.equal(wrong.status, 400, "a wrong SMS code is refused");
  const token = await chain.ok(201, "POST", "/api/v1/auth/register", { body: { mobile, smsCode, password: PASSWORD, displayName, ...organisation } });
  return { mobile, token: token.accessToken, userId: token.accountId, organisationId: token.organisationId };
}

const login = async (chain, user) => (await chain.ok(200, "POST", "/api/v1/auth/login", { body: { mobile: user.mobile, password: PASSWORD } })).accessToken;

/** An administrator creating an organisation; a member and an approver joining by its code. */
async function registerPeople(chain) {
  const organisationCode = `CHAIN-${randomUUID().slice(0, 8).toUpperCase()}`;
  const admin = await register(chain, "Chain Admin", { newOrganisationName: "Chain Test Co.", newOrganisationCode: organisationCode });
  assert.ok(admin.organisationId, "registration created an organisation");
  const organisation = await chain.ok(200, "GET", "/api/v1/organisation", { token: admin.token });
  assert.equal(organisation.code, organisationCode);
  const member = await register(chain, "Chain Member", { organisationCode });
  const approver = await register(chain, "Chain Approver", { organisationCode });
  for (const user of [member, approver]) assert.equal(user.organisationId, admin.organisationId, "joined the administrator's organisation");

  await chain.ok(200, "PUT", `/api/v1/organisation/members/${approver.userId}/roles`, { token: admin.token, body: { roles: ["member", "approver"] } });
  approver.token = await login(chain, approver); // roles travel in the token: a fresh one carries the grant
  return { admin, member, approver, organisationCode };
}

/** A seal, a provisioned device (one-time secret, the platform's command key), and the binding. */
async function provisionSealAndDevice(chain, { admin }) {
  const seal = await chain.ok(201, "POST", "/api/v1/seals", { token: admin.token, body: { name: "合同专用章", physical: { sealType: "CONTRACT", sizeMm: 40, material: "RUBBER" } } });
  const provisioned = await chain.ok(201, "POST", "/api/v1/devices", { token: admin.token, body: { serial: `SIM-${randomUUID().slice(0, 8)}`, model: "YX-S1" } });
  assert.ok(provisioned.secret, "the one-time device secret is returned");
  assert.ok(provisioned.commandKey.publicKeyPem.includes("PUBLIC KEY"));
  await chain.ok(200, "PUT", `/api/v1/seals/${seal.id}/device`, { token: admin.token, body: { deviceId: provisioned.device.id } });
  return { seal, deviceId: provisioned.device.id, secret: provisioned.secret, commandKey: provisioned.commandKey.publicKeyPem };
}

/** The device: the reference client of the device protocol, on the platform's broker. */
async function connectDevice(chain, device) {
  const simulator = await SealSimulator.start({
    brokerUrl: chain.mqttUrl,
    deviceId: device.deviceId,
    secret: device.secret,
    platformKey: device.commandKey,
    resendIntervalMs: 1000,
  });
  chain.onSimulator(simulator);
  return simulator;
}

/** The member files and submits an application for the bound seal. */
async function fileApplication(chain, { member }, device) {
  const document = Buffer.from("%PDF-1.4 chain test contract\n");
  const application = await chain.ok(201, "POST", "/api/v1/applications", {
    token: member.token,
    body: {
      sealId: device.seal.id,
      title: "Supply contract",
      documents: [{ objectKey: `docs/${randomUUID()}.pdf`, sha256: createHash("sha256").update(document).digest("hex"), contentType: "application/pdf" }],
      impressionCount: IMPRESSIONS,
    },
  });
  await chain.ok(200, "POST", `/api/v1/applications/${application.id}/submit`, { token: member.token, body: {} });
  return application;
}

/** Before approval the device refuses a press, and the applicant cannot approve their own application. */
async function assertLockedUntilApproved(chain, { member }, application, simulator) {
  const early = simulator.press();
  assert.equal(early.accepted, false, "the device does not unlock before approval");
  assert.equal(simulator.state.authorisation, null);
  const selfApproval = await chain.api("POST", `/api/v1/applications/${application.id}/approve`, { token: member.token, body: { comment: "me" } });
  assert.equal(selfApproval.status, 403, "a member cannot approve");
}

/** The approver approves; the approval event becomes a signed authorisation the device accepts. */
async function approve(chain, { approver, member }, application, simulator) {
  const approved = await chain.ok(200, "POST", `/api/v1/applications/${application.id}/approve`, { token: approver.token, body: { comment: "approved for the supply contract" } });
  assert.equal(approved.state, "APPROVED");
  await simulator.waitFor((s) => !s.state.locked && s.state.authorisation?.applicationId === application.id, chain.waitMs, "the authorisation for the application");
  assert.equal(simulator.state.authorisation.userId, member.userId, "authorised for the applicant");
  assert.equal(simulator.state.authorisation.remaining, IMPRESSIONS);
}

/** Exactly the approved number of presses is accepted; then the device locks itself and refuses more. */
async function pressUntilLocked(chain, simulator) {
  const presses = [simulator.press({ photoRef: "photo-1" }), simulator.press({ photoRef: "photo-2" })];
  assert.deepEqual(presses.map((p) => p.accepted), [true, true]);
  assert.equal(simulator.state.locked, true, "the device locks itself when the count is used up");
  const third = simulator.press({ photoRef: "photo-3" });
  assert.equal(third.accepted, false, "a third press is refused");
  await simulator.waitFor((s) => s.state.queue.length === 0, chain.waitMs, "the platform's acknowledgements of every event");
}

/** The device's records as the platform reports them: exactly the accepted impressions, the lock, the alarms. */
async function assertRecords(chain, { admin, member }, device, application) {
  const records = await eventually(
    "the device's records",
    async () => {
      const body = await chain.ok(200, "GET", `/api/v1/devices/${device.deviceId}/records`, { token: admin.token });
      return body.impressions.length >= IMPRESSIONS && body.locks.length >= 1 ? body : undefined;
    },
    { ms: chain.waitMs },
  );
  assert.equal(records.impressions.length, IMPRESSIONS, "exactly 2 impressions for 2 accepted presses");
  for (const impression of records.impressions) {
    assert.equal(impression.applicationId, application.id);
    assert.equal(impression.userId, member.userId);
    assert.equal(impression.authorised, true);
  }
  assert.deepEqual(records.impressions.map((i) => i.photoRef).sort(), ["photo-1", "photo-2"]);
  assert.deepEqual(records.locks.map((l) => l.reason), ["count_used_up"]);
  assert.equal(records.alarms.filter((a) => a.kind === "unauthorised_attempt").length, 2, "the press before approval and the third press are alarms");
  const stored = await chain.ok(200, "GET", `/api/v1/devices/${device.deviceId}`, { token: admin.token });
  assert.equal(stored.locked, true);
  return records;
}

/** The application's chain of custody in the ledger, in order, and the whole organisation's chain verifies. */
async function assertEvidence(chain, { admin }, application) {
  const entries = await eventually(
    "the application's evidence chain",
    async () => {
      const { entries } = await chain.ok(200, "GET", `/api/v1/evidence/entries?subject=${application.id}`, { token: admin.token });
      const kinds = entries.map((e) => e.kind);
      return kinds.includes("approval.application-submitted") &&
        kinds.includes("approval.application-approved") &&
        kinds.filter((k) => k === "device-control.impression-recorded").length >= IMPRESSIONS
        ? entries
        : undefined;
    },
    { ms: chain.waitMs },
  );
  const kinds = entries.map((e) => e.kind);
  assert.equal(kinds.filter((k) => k === "device-control.impression-recorded").length, IMPRESSIONS, "each impression recorded once in the ledger");
  assert.ok(kinds.indexOf("approval.application-submitted") < kinds.indexOf("approval.application-approved"), "submitted before approved");
  assert.ok(kinds.indexOf("approval.application-approved") < kinds.indexOf("device-control.impression-recorded"), "approved before the impressions");
  for (const entry of entries) assert.equal(entry.organisationId, admin.organisationId);
  const verified = await chain.ok(200, "POST", "/api/v1/evidence/verify", { token: admin.token, body: {} });
  assert.equal(verified.ok, true, JSON.stringify(verified));
  assert.ok(Number(verified.checked) >= entries.length);
  return entries;
}

/** Another organisation's administrator sees none of it. */
async function assertIsolation(chain, device, application, { admin }) {
  const outsider = await register(chain, "Outsider Admin", { newOrganisationName: "Other Co." });
  assert.notEqual(outsider.organisationId, admin.organisationId);
  for (const path of [`/api/v1/devices/${device.deviceId}/records`, `/api/v1/devices/${device.deviceId}`, `/api/v1/applications/${application.id}`, `/api/v1/seals/${device.seal.id}`]) {
    const response = await chain.api("GET", path, { token: outsider.token });
    assert.equal(response.status, 404, `${path} from another organisation: ${JSON.stringify(response.body)}`);
  }
  const foreignChain = await chain.ok(200, "GET", `/api/v1/evidence/entries?subject=${application.id}`, { token: outsider.token });
  assert.deepEqual(foreignChain.entries, [], "another organisation's ledger holds nothing of this application");
}

/** Secrets never reach the log: passwords and the device secret. */
function assertNoSecretsLogged(chain, device) {
  const output = chain.logs();
  assert.ok(!output.includes(PASSWORD), "no password is logged");
  assert.ok(!output.includes(device.secret), "the device secret is not logged");
}
