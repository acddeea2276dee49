// The stamping chain, driven over REST only with a simulated seal speaking the real device protocol, as ONE
// driver shared by every run of it (embedded all-in-one; one process per service on real servers), so both
// runs assert the same things. One function per step; each takes the run's `chain` context.
// See docs/stamping-chain.md.
import assert from "node:assert/strict";
import { createHash, createHmac, randomBytes, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { SealSimulator, topicsOf } from "@yunxi/seal-sim";
import mqtt from "mqtt";
import { eventually } from "./support.mjs";

export const PASSWORD = "chain-test-Passw0rd";
const IMPRESSIONS = 3;
/** The page the applicant files (a rendered contract page) and the device's camera-like photo of it, sealed. */
const ORIGINAL = readFileSync(new URL("../../tools/seal-sim/assets/page-original.png", import.meta.url));
const ORIGINAL_SHA = createHash("sha256").update(ORIGINAL).digest("hex");
const PAGE = readFileSync(new URL("../../tools/seal-sim/assets/page-photo.jpg", import.meta.url));
const PAGE_SHA = createHash("sha256").update(PAGE).digest("hex");
const PHOTO = { data: PAGE, contentType: "image/jpeg" };

/**
 * Changes one byte of one stored ledger entry (the last character of its `kind`), for both runs: the
 * embedded one on PGlite, the real-server one on PostgreSQL. `query(sql, params)` runs one statement on ONE
 * connection and resolves to the number of rows it changed. The table's append-only trigger stops the
 * platform's own code; whoever has the database's superuser can switch triggers off, which is what the hash
 * chain is there to catch.
 */
export async function tamperLedgerEntry(query, { organisationId, sequence }) {
  await query("BEGIN");
  try {
    await query("SET LOCAL session_replication_role = replica");
    const changed = await query(
      "UPDATE audit.ledger_entry SET kind = left(kind, -1) || CASE WHEN right(kind, 1) = 'x' THEN 'y' ELSE 'x' END WHERE organisation_id = $1 AND sequence = $2",
      [organisationId, sequence],
    );
    await query("COMMIT");
    assert.equal(changed, 1, "exactly one stored ledger entry changed");
  } catch (error) {
    await query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/**
 * Drives the whole chain and asserts every step.
 * - `url`: the gateway's base URL; `mqttUrl`: the broker devices connect to.
 * - `smsCodeFor(mobile)`: the newest development SMS code for `mobile` (read from the log).
 * - `storedObjects()`: every object body in the run's blob store (local files or the S3 bucket).
 * - `tamperOneStoredByte({ organisationId, sequence })`: applies {@link tamperLedgerEntry} to the stored
 *   ledger (however the run reaches its database); resolves once the platform serves again.
 * - `logs()`: everything the platform's processes wrote so far (checked for leaked secrets).
 * - `onSimulator(simulator)`: lets the caller stop simulators in its `after`.
 * - `waitMs`: bound of every wait for asynchronous work (events, MQTT).
 * Returns what it created, for callers that assert more.
 */
export async function driveStampingChain({ url, mqttUrl, smsCodeFor, tamperOneStoredByte, storedObjects, logs, onSimulator = () => undefined, waitMs = 30_000 }) {
  assert.equal(typeof tamperOneStoredByte, "function", "every run proves that a changed ledger byte is detected");
  assert.equal(typeof storedObjects, "function", "every run proves that photos are stored as ciphertext");
  const chain = { url, mqttUrl, smsCodeFor, tamperOneStoredByte, storedObjects, logs, onSimulator, waitMs, photoIds: [], ...restClient(url) };
  const people = await registerPeople(chain);
  const alarmReceiver = await addAlarmWebhook(chain, people);
  const device = await provisionSealAndDevice(chain, people);
  await assertBindingChecksTheDevice(chain, people, device);
  const victim = await provisionDevice(chain, people, "victim");
  const simulator = await connectDevice(chain, device);
  const application = await fileApplication(chain, people, device);
  await assertBadInputRefused(chain, people, device, application);
  await assertLockedUntilApproved(chain, people, application, simulator);
  await approve(chain, people, application, simulator);
  const replayable = await pressAcrossADroppedConnection(chain, simulator);
  await assertRecords(chain, people, device, application);
  await assertAlarmsDelivered(chain, people, device, alarmReceiver);
  await assertAlarmListedAndAcknowledged(chain, people, device);
  await assertPhotosStoredAndVerified(chain, people, application, simulator);
  await assertForgedAndReplayedMessagesChangeNothing(chain, people, device, victim, simulator, replayable, application);
  const evidence = await assertEvidence(chain, people, application);
  await assertIsolation(chain, people, device, application);
  await assertTamperDetected(chain, people, evidence);
  assertNoSecretsLogged(chain, device);
  await assertAlarmsDeliveredOnce(chain, device, alarmReceiver);
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
  const keeper = await register(chain, "Chain Seal Keeper", { organisationCode });
  await chain.ok(200, "PUT", `/api/v1/organisation/members/${keeper.userId}/roles`, { token: admin.token, body: { roles: ["member", "seal_keeper"] } });
  keeper.token = await login(chain, keeper);
  return { admin, member, approver, keeper, organisationCode };
}

/** A provisioned device: its one-time secret and the platform's command key. */
async function provisionDevice(chain, { admin }, label) {
  const provisioned = await chain.ok(201, "POST", "/api/v1/devices", { token: admin.token, body: { serial: `SIM-${label}-${randomUUID().slice(0, 8)}`, model: "YX-S1" } });
  assert.ok(provisioned.secret, "the one-time device secret is returned");
  assert.ok(provisioned.commandKey.publicKeyPem.includes("PUBLIC KEY"));
  return { deviceId: provisioned.device.id, secret: provisioned.secret, commandKey: provisioned.commandKey.publicKeyPem };
}

/** A seal, a provisioned device, and the binding between them. */
async function provisionSealAndDevice(chain, people) {
  const seal = await chain.ok(201, "POST", "/api/v1/seals", { token: people.admin.token, body: { name: "合同专用章", physical: { sealType: "CONTRACT", sizeMm: 40, material: "RUBBER" } } });
  const device = await provisionDevice(chain, people, "seal");
  await chain.ok(200, "PUT", `/api/v1/seals/${seal.id}/device`, { token: people.admin.token, body: { deviceId: device.deviceId } });
  return { seal, ...device };
}

/** Binding asks device-control: a typo, another organisation's device and a revoked one are refused, changing nothing. */
async function assertBindingChecksTheDevice(chain, people, device) {
  const { admin } = people;
  const spare = await chain.ok(201, "POST", "/api/v1/seals", { token: admin.token, body: { name: "财务专用章", physical: { sealType: "FINANCE", sizeMm: 38, material: "RUBBER" } } });
  const retired = await provisionDevice(chain, people, "retired");
  await chain.ok(200, "POST", `/api/v1/devices/${retired.deviceId}/revoke`, { token: admin.token });
  const outsider = await register(chain, "Binding Outsider", { newOrganisationName: "Binding Other Co." });
  const foreign = await chain.ok(201, "POST", "/api/v1/devices", { token: outsider.token, body: { serial: `SIM-foreign-${randomUUID().slice(0, 8)}`, model: "YX-S1" } });
  const outsiderSeal = await chain.ok(201, "POST", "/api/v1/seals", { token: outsider.token, body: { name: "公章", physical: { sealType: "OFFICIAL", sizeMm: 42, material: "COPPER" } } });
  const bind = (user, sealId, deviceId) => chain.api("PUT", `/api/v1/seals/${sealId}/device`, { token: user.token, body: { deviceId } });
  const typo = await bind(admin, spare.id, "dev-no-such-device");
  const theirs = await bind(admin, spare.id, foreign.device.id);
  assert.deepEqual([typo.status, theirs.status], [404, 404], `unknown and foreign devices: ${JSON.stringify([typo.body, theirs.body])}`);
  assert.equal(JSON.stringify(theirs.body).replace(foreign.device.id, "ID"), JSON.stringify(typo.body).replace("dev-no-such-device", "ID"), "a foreign device reads like a missing one");
  const revoked = await bind(admin, spare.id, retired.deviceId);
  assert.equal(revoked.status, 412, `a revoked device: ${JSON.stringify(revoked.body)}`);
  const ours = await bind(outsider, outsiderSeal.id, device.deviceId);
  assert.equal(ours.status, 404, `another organisation binding our device: ${JSON.stringify(ours.body)}`);
  assert.equal((await chain.ok(200, "GET", `/api/v1/seals/${spare.id}`, { token: admin.token })).physical.deviceId, "", "the refused binds changed nothing");
  assert.equal((await chain.ok(200, "GET", `/api/v1/seals/${outsiderSeal.id}`, { token: outsider.token })).physical.deviceId, "");
}

/** The device: the reference client of the device protocol, on the platform's broker. */
async function connectDevice(chain, device) {
  const simulator = await SealSimulator.start({
    brokerUrl: chain.mqttUrl,
    deviceId: device.deviceId,
    secret: device.secret,
    platformKey: device.commandKey,
    platformUrl: chain.url,
    resendIntervalMs: 1000,
  });
  chain.onSimulator(simulator);
  return simulator;
}

/** The member uploads the page to stamp (media), then files and submits an application for the bound seal. */
async function fileApplication(chain, { member }, device) {
  const upload = await chain.ok(201, "POST", "/api/v1/media/uploads", { token: member.token, body: { kind: "document", contentType: "image/png", size: ORIGINAL.length, sha256: ORIGINAL_SHA } });
  const put = await fetch(upload.upload.url, { method: "PUT", headers: upload.upload.headers, body: ORIGINAL, signal: AbortSignal.timeout(15_000) });
  assert.equal(put.status, 200, "the document's bytes reach the presigned URL");
  const document = await chain.ok(200, "POST", `/api/v1/media/uploads/${upload.id}/complete`, { token: member.token, body: {} });
  const application = await chain.ok(201, "POST", "/api/v1/applications", {
    token: member.token,
    body: {
      sealId: device.seal.id,
      title: "Supply contract",
      documents: [{ objectKey: document.id, sha256: ORIGINAL_SHA, contentType: "image/png" }],
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
  assert.match(simulator.state.authorisation.uploadToken, /^[\w-]+\.[\w-]+\.[\w-]+$/, "the authorisation carries the photo upload token");
  chain.uploadToken = simulator.state.authorisation.uploadToken;
}

/**
 * Exactly the approved number of presses is accepted, across a dropped connection: the first press is
 * acknowledged online; the connection drops right after the second (its event may or may not have reached
 * the platform, its acknowledgement is lost), the third and a refused fourth happen offline; on reconnect
 * the device re-sends everything unacknowledged. Returns a copy of the first, acknowledged, event to replay.
 */
async function pressAcrossADroppedConnection(chain, simulator) {
  const first = simulator.press({ photo: PHOTO });
  assert.equal(first.accepted, true);
  const replayable = { ...simulator.state.queue.find((event) => event.sequence === first.events[0]) };
  assert.ok(replayable.payload, "the first impression's event as the device sent it");
  await simulator.waitFor((s) => s.state.queue.length === 0, chain.waitMs, "the acknowledgement of the first impression");

  const second = simulator.press({ photo: PHOTO });
  await simulator.offline();
  const third = simulator.press({ photo: PHOTO });
  assert.deepEqual([second.accepted, third.accepted], [true, true]);
  assert.equal(simulator.state.locked, true, "the device locks itself when the count is used up");
  const fourth = simulator.press({ photo: PHOTO });
  assert.equal(fourth.accepted, false, "a press beyond the approved count is refused");
  assert.ok(simulator.state.queue.length >= 3, "the offline events wait in the device's queue");

  await simulator.online();
  await simulator.waitFor((s) => s.state.queue.length === 0, chain.waitMs, "the platform's acknowledgements of every re-sent event");
  return replayable;
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
  assert.equal(records.impressions.length, IMPRESSIONS, `exactly ${IMPRESSIONS} impressions for ${IMPRESSIONS} accepted presses, none twice`);
  for (const impression of records.impressions) {
    assert.equal(impression.applicationId, application.id);
    assert.equal(impression.userId, member.userId);
    assert.equal(impression.authorised, true);
  }
  assert.deepEqual(records.impressions.map((i) => i.photoRef), Array(IMPRESSIONS).fill(PAGE_SHA), "each impression names its photo by SHA-256");
  assert.deepEqual(records.locks.map((l) => l.reason), ["count_used_up"]);
  assert.equal(records.alarms.filter((a) => a.kind === "unauthorised_attempt").length, 2, "the press before approval and the one beyond the count are alarms");
  const stored = await chain.ok(200, "GET", `/api/v1/devices/${device.deviceId}`, { token: admin.token });
  assert.equal(stored.locked, true);
  return records;
}

/**
 * Every impression's photo reached media (uploaded by the device with its upload token, across the dropped
 * connection too), is stored as ciphertext, decrypts to the uploaded bytes for an authorised user, and has an
 * OCR verdict against the filed document: match.
 */
async function assertPhotosStoredAndVerified(chain, { admin }, application, simulator) {
  await simulator.waitFor((s) => s.state.photos.length === 0, chain.waitMs, "every photo uploaded");
  const stored = simulator.uploadLog.filter((u) => u.status === 200);
  assert.deepEqual(
    [...new Set(stored.map((u) => u.sequence))].length,
    IMPRESSIONS,
    `one stored photo per impression: ${JSON.stringify(simulator.uploadLog)}`,
  );
  // A 503/429 is "try again" in the protocol (the device retried, as it must); a 4xx would be a final refusal.
  assert.ok(
    simulator.uploadLog.every((u) => u.status === 200 || u.status === 429 || u.status >= 500),
    `no upload refused: ${JSON.stringify(simulator.uploadLog)}`,
  );
  chain.photoIds = [...new Set(stored.map((u) => u.mediaId))];
  assert.equal(chain.photoIds.length, IMPRESSIONS);
  const slice = PAGE.subarray(PAGE.length / 2, PAGE.length / 2 + 64);
  const objects = await chain.storedObjects();
  assert.ok(objects.length >= IMPRESSIONS + 1, `the blob store holds the photos and the document (${objects.length} objects)`);
  assert.ok(objects.every((body) => !body.includes(slice)), "no stored object contains the plaintext photo");
  for (const id of chain.photoIds) {
    const response = await fetch(`${chain.url}/api/v1/media/${id}/content`, { headers: { authorization: `Bearer ${admin.token}` }, signal: AbortSignal.timeout(15_000) });
    assert.equal(response.status, 200);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), PAGE, "an authorised user gets the uploaded bytes back");
  }
  const verdicts = await eventually(
    "an OCR verdict for every photo",
    async () => {
      const { items } = await chain.ok(200, "GET", `/api/v1/applications/${application.id}/verifications`, { token: admin.token });
      return items.length >= IMPRESSIONS ? items : undefined;
    },
    { ms: Math.max(chain.waitMs, 180_000), everyMs: 1000 },
  );
  assert.equal(verdicts.length, IMPRESSIONS, "exactly one verdict per photo");
  assert.deepEqual(verdicts.map((v) => v.mediaId).sort(), [...chain.photoIds].sort());
  for (const verdict of verdicts) {
    // The device's sealed, camera-like photo of the filed page: OCR ran, found page 1, and calls it unchanged.
    assert.notEqual(verdict.engine, "none", `OCR ran: ${JSON.stringify(verdict)}`);
    assert.equal(verdict.page, 1, `the photo is recognised as the application's page: ${JSON.stringify(verdict)}`);
    assert.equal(verdict.verdict, "match", `the photo shows the approved page unchanged: ${JSON.stringify(verdict)}`);
  }

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

/** Another organisation's administrator gets 404 on every path the chain used, reading or changing, and changes nothing. */
async function assertIsolation(chain, people, device, application) {
  const { admin, approver } = people;
  const outsider = await register(chain, "Outsider Admin", { newOrganisationName: "Other Co." });
  assert.notEqual(outsider.organisationId, admin.organisationId);
  // Every built-in role in its own organisation, so a refusal below can only come from the organisation boundary.
  await chain.ok(200, "PUT", `/api/v1/organisation/members/${outsider.userId}/roles`, { token: outsider.token, body: { roles: ["administrator", "seal_keeper", "approver", "auditor", "member"] } });
  outsider.token = await login(chain, outsider);
  const before = await snapshot(chain, people, device, application);
  const attempts = [
    ["GET", `/api/v1/devices/${device.deviceId}/records`],
    ["GET", `/api/v1/devices/${device.deviceId}`],
    ["GET", `/api/v1/applications/${application.id}`],
    ["GET", `/api/v1/seals/${device.seal.id}`],
    ...chain.photoIds.flatMap((id) => [["GET", `/api/v1/media/${id}`], ["GET", `/api/v1/media/${id}/content`]]),
    ["GET", `/api/v1/applications/${application.id}/verifications`],
    ["PUT", `/api/v1/seals/${device.seal.id}/device`, { deviceId: null }],
    ["POST", `/api/v1/applications/${application.id}/submit`, {}],
    ["POST", `/api/v1/applications/${application.id}/approve`, { comment: "not mine to approve" }],
    ["POST", `/api/v1/applications/${application.id}/reject`, { comment: "not mine to reject" }],
    ["POST", `/api/v1/applications/${application.id}/withdraw`, {}],
    ["PUT", `/api/v1/organisation/members/${approver.userId}/roles`, { roles: ["member"] }],
    ["POST", `/api/v1/devices/${device.deviceId}/revoke`],
    ["POST", `/api/v1/devices/${device.deviceId}/authorisations`, { applicationId: application.id, userId: outsider.userId, impressions: 1, ttlSeconds: 60 }],
  ];
  for (const [method, path, body] of attempts) {
    const response = await chain.api(method, path, { token: outsider.token, ...(body === undefined ? {} : { body }) });
    assert.equal(response.status, 404, `${method} ${path} from another organisation: ${JSON.stringify(response.body)}`);
  }
  const foreignChain = await chain.ok(200, "GET", `/api/v1/evidence/entries?subject=${application.id}`, { token: outsider.token });
  assert.deepEqual(foreignChain.entries, [], "another organisation's ledger holds nothing of this application");
  assert.deepEqual(await snapshot(chain, people, device, application), before, "another organisation's attempts changed nothing");
}

/** What the organisation's own administrator sees of everything the chain made, to show that refused calls change nothing. */
async function snapshot(chain, { admin }, device, application) {
  const paths = [
    `/api/v1/applications/${application.id}`,
    "/api/v1/applications",
    `/api/v1/seals/${device.seal.id}`,
    "/api/v1/seals",
    `/api/v1/devices/${device.deviceId}/records`,
    "/api/v1/devices",
    "/api/v1/organisation/members",
  ];
  const seen = {};
  for (const path of paths) seen[path] = withoutLiveness(await chain.ok(200, "GET", path, { token: admin.token }));
  return seen;
}

/** Drops when a device was last heard from: the simulator's hellos move it without changing anything the chain made. */
function withoutLiveness(value) {
  if (Array.isArray(value)) return value.map(withoutLiveness);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !/^last(Seen|Hello|Contact)/i.test(key)).map(([key, item]) => [key, withoutLiveness(item)]));
}

/** Malformed JSON and unknown ids on the REST path get a 4xx and change nothing. */
async function assertBadInputRefused(chain, people, device, application) {
  const { admin, member, approver } = people;
  const before = await snapshot(chain, people, device, application);
  const malformed = [
    [member, "POST", "/api/v1/applications", '{"sealId": '],
    [approver, "POST", `/api/v1/applications/${application.id}/approve`, "{not json"],
    [admin, "PUT", `/api/v1/seals/${device.seal.id}/device`, "["],
    [admin, "POST", "/api/v1/devices", '{"serial": "x", "model": '],
    [admin, "PUT", `/api/v1/organisation/members/${approver.userId}/roles`, '{"roles": ["administrator"'],
    [undefined, "POST", "/api/v1/auth/register", "{"],
  ];
  for (const [user, method, path, rawBody] of malformed) {
    const response = await chain.api(method, path, { token: user?.token, rawBody });
    assert.equal(response.status, 400, `${method} ${path} with malformed JSON: ${JSON.stringify(response.body)}`);
  }
  const unknown = randomUUID();
  const unknownIds = [
    [admin, "GET", `/api/v1/applications/${unknown}`],
    [approver, "POST", `/api/v1/applications/${unknown}/approve`, { comment: "no such application" }],
    [member, "POST", `/api/v1/applications/${unknown}/submit`, {}],
    [admin, "GET", `/api/v1/seals/${unknown}`],
    [admin, "PUT", `/api/v1/seals/${unknown}/device`, { deviceId: device.deviceId }],
    [admin, "GET", `/api/v1/devices/${unknown}`],
    [admin, "GET", `/api/v1/devices/${unknown}/records`],
    [admin, "POST", `/api/v1/devices/${unknown}/revoke`],
    [admin, "PUT", `/api/v1/organisation/members/${unknown}/roles`, { roles: ["member"] }],
    [member, "POST", "/api/v1/applications", { sealId: unknown, title: "Unknown seal", documents: [], impressionCount: 1 }],
  ];
  for (const [user, method, path, body] of unknownIds) {
    const response = await chain.api(method, path, { token: user.token, ...(body === undefined ? {} : { body }) });
    assert.ok(response.status >= 400 && response.status < 500 && response.status !== 401, `${method} ${path} with an unknown id: ${response.status} ${JSON.stringify(response.body)}`);
    if (method === "GET" || path.includes(unknown)) assert.equal(response.status, 404, `${method} ${path}: ${JSON.stringify(response.body)}`);
  }
  assert.deepEqual(await snapshot(chain, people, device, application), before, "refused input changed nothing");
}

/**
 * Forged and replayed device messages change nothing: the device's own credentials publishing to another
 * device's topic (the broker refuses it: aedes closes the connection, Mosquitto drops it), a payload that is
 * not a device event on its own topic, and a replay of an event the platform already acknowledged (acknowledged
 * again, stored once). The replay's acknowledgement comes after the others were published, so it bounds the wait.
 */
async function assertForgedAndReplayedMessagesChangeNothing(chain, people, device, victim, simulator, replayable, application) {
  const before = await snapshot(chain, people, device, application);
  await simulator.offline();
  const forged = Buffer.from(replayable.payload, "base64");
  await publishAsDevice(chain, device, topicsOf(victim.deviceId).events, forged);
  await publishAsDevice(chain, device, topicsOf(device.deviceId).events, Buffer.from([0x07, 0xff, 0xff]));

  simulator.core.state.queue.push(replayable); // as a device that lost the acknowledgement in a crash would
  await simulator.online();
  await simulator.waitFor((s) => s.state.queue.length === 0, chain.waitMs, "the acknowledgement of the replayed event");

  const victimRecords = await chain.ok(200, "GET", `/api/v1/devices/${victim.deviceId}/records`, { token: people.admin.token });
  assert.deepEqual(
    { impressions: victimRecords.impressions, locks: victimRecords.locks, alarms: victimRecords.alarms },
    { impressions: [], locks: [], alarms: [] },
    "nothing was recorded for the device whose topic was forged",
  );
  assert.deepEqual(await snapshot(chain, people, device, application), before, "forged, malformed and replayed device messages changed nothing");
}

/** Connects with the device's credentials (as the device), publishes once, and reports how the broker answered. */
async function publishAsDevice(chain, device, topic, payload) {
  const client = await mqtt.connectAsync(chain.mqttUrl, {
    clientId: device.deviceId,
    username: device.deviceId,
    password: device.secret,
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: 0,
    connectTimeout: 5000,
  });
  let timer;
  try {
    const closed = new Promise((resolve) => client.once("close", () => resolve("closed")));
    const published = client.publishAsync(topic, payload, { qos: 1 }).then(
      () => "acknowledged",
      () => "closed",
    );
    const bound = new Promise((resolve) => (timer = setTimeout(() => resolve("timeout"), chain.waitMs)));
    const outcome = await Promise.race([published, closed, bound]);
    assert.notEqual(outcome, "timeout", `the broker answered a publish to ${topic}`);
    return outcome;
  } finally {
    clearTimeout(timer);
    await client.endAsync(true).catch(() => undefined);
  }
}

/** After the ledger verified, one changed byte in one stored entry makes verification fail at that entry. */
async function assertTamperDetected(chain, { admin }, evidence) {
  const target = evidence.find((entry) => entry.kind === "device-control.impression-recorded");
  const sequence = Number(target.sequence);
  assert.ok(sequence > 0, JSON.stringify(target));
  await chain.tamperOneStoredByte({ organisationId: admin.organisationId, sequence });
  const verdict = await eventually(
    "the ledger to answer after the change",
    async () => {
      const { status, body } = await chain.api("POST", "/api/v1/evidence/verify", { token: admin.token, body: {} });
      return status === 200 ? body : undefined;
    },
    { ms: chain.waitMs },
  );
  assert.equal(verdict.ok, false, `verification fails after one stored byte changed: ${JSON.stringify(verdict)}`);
  assert.equal(Number(verdict.firstBrokenSequence), sequence, `the changed entry is reported: ${JSON.stringify(verdict)}`);
}

/** Secrets never reach the log: passwords and the device secret. */
function assertNoSecretsLogged(chain, device) {
  const output = chain.logs();
  assert.ok(!output.includes(PASSWORD), "no password is logged");
  assert.ok(!output.includes(device.secret), "the device secret is not logged");
  assert.ok(chain.uploadToken && !output.includes(chain.uploadToken), "the photo upload token is not logged");
}

/**
 * A receiver of the organisation's alarm webhook on 127.0.0.1:0, in this process: records every POST with its
 * raw body and headers. Unreferenced, so a failed run does not hang on it; closed at the end of the run.
 */
async function startAlarmReceiver() {
  const received = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (chunk) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url, headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() });
      response.writeHead(204).end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  server.unref();
  return { port: server.address().port, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The generic webhook's signature (docs/alarms.md): v1= hex HMAC-SHA256 of "<timestamp>.<raw body>"; compared in constant time. */
function validAlarmSignature(secret, request) {
  const timestamp = request.headers["x-yunxi-timestamp"];
  const signature = request.headers["x-yunxi-signature"];
  if (typeof timestamp !== "string" || typeof signature !== "string") return false;
  const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(`${timestamp}.${request.body}`).digest("hex")}`);
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Before any press, the administrator adds a signed `webhook` channel pointing at a receiver this run starts;
 * the channel list never shows the secret or the URL's token, a member cannot see or add channels, and the
 * test message arrives signed.
 */
async function addAlarmWebhook(chain, { admin, member }) {
  const receiver = await startAlarmReceiver();
  const secret = `whsec-${randomBytes(16).toString("hex")}`;
  const token = randomBytes(12).toString("hex");
  const url = `http://127.0.0.1:${receiver.port}/yunxi-alarms?token=${token}`;
  const refused = await chain.api("POST", "/api/v1/organisation/notification-channels", { token: admin.token, body: { kind: "webhook", name: "bad", url: "ftp://127.0.0.1/x", secret } });
  assert.equal(refused.status, 400, `a non-http URL is refused: ${JSON.stringify(refused.body)}`);
  // A tenant cannot aim the platform at the cloud metadata service (docs/alarms.md, "Where deliveries may go").
  const metadata = await chain.api("POST", "/api/v1/organisation/notification-channels", { token: admin.token, body: { kind: "webhook", name: "metadata", url: "http://169.254.169.254/latest/meta-data/", secret } });
  assert.equal(metadata.status, 400, `a link-local destination is refused: ${JSON.stringify(metadata.body)}`);
  const channel = await chain.ok(201, "POST", "/api/v1/organisation/notification-channels", { token: admin.token, body: { kind: "webhook", name: "Seal keeper webhook", url, secret } });
  assert.deepEqual([channel.kind, channel.hasSecret, channel.enabled, channel.urlHint], ["webhook", true, true, `http://127.0.0.1:${receiver.port}/yunxi-alarms?token=***`]);
  const listed = await chain.ok(200, "GET", "/api/v1/organisation/notification-channels", { token: admin.token });
  assert.deepEqual(listed.channels.map((c) => c.id), [channel.id]);
  assert.ok(!JSON.stringify([channel, listed]).includes(secret) && !JSON.stringify([channel, listed]).includes(token), "neither the secret nor the URL's token is returned");
  assert.equal((await chain.api("GET", "/api/v1/organisation/notification-channels", { token: member.token })).status, 403, "a member cannot read channels");
  const tested = await chain.ok(200, "POST", `/api/v1/organisation/notification-channels/${channel.id}/test`, { token: admin.token });
  assert.deepEqual(tested, { delivered: true, status: 204, error: "" });
  assert.equal(receiver.received.length, 1, "the test message arrived");
  assert.ok(validAlarmSignature(secret, receiver.received[0]), "the test message is signed with the channel secret");
  assert.equal(receiver.received[0].path, `/yunxi-alarms?token=${token}`);
  chain.alarmSecret = secret;
  chain.alarmUrlToken = token;
  return { receiver, secret, channel };
}

/** The chain's unauthorised presses (before approval, beyond the count) reach the webhook: each signed, with its facts. */
async function assertAlarmsDelivered(chain, { admin }, device, { receiver, secret, channel }) {
  const alarms = await eventually(
    "both unauthorised-press alarms at the webhook receiver",
    async () => {
      const bodies = receiver.received.map((r) => JSON.parse(r.body)).filter((b) => b.kind === "unauthorised_attempt" && b.deviceId === device.deviceId);
      return bodies.length >= 2 ? receiver.received.filter((r) => JSON.parse(r.body).kind === "unauthorised_attempt") : undefined;
    },
    { ms: chain.waitMs },
  );
  for (const request of alarms) {
    assert.ok(validAlarmSignature(secret, request), "each alarm is signed with the channel secret");
    assert.ok(Math.abs(Number(request.headers["x-yunxi-timestamp"]) * 1000 - request.at) < 60_000, "the signed timestamp is the sending time");
    const body = JSON.parse(request.body);
    assert.equal(request.headers["x-yunxi-event-id"], body.eventId);
    assert.deepEqual([body.type, body.organisationId, body.source, body.title.en], ["yunxi.alarm", admin.organisationId, "device", "unauthorised stamping attempt"]);
    assert.ok(body.text.includes("未授权用印尝试") && body.text.includes(device.deviceId), body.text);
  }
  const { deliveries } = await eventually(
    "the deliveries marked delivered",
    async () => {
      const listed = await chain.ok(200, "GET", "/api/v1/organisation/alarm-deliveries?state=delivered", { token: admin.token });
      return listed.deliveries.filter((d) => d.kind === "unauthorised_attempt").length >= 2 ? listed : undefined;
    },
    { ms: chain.waitMs },
  );
  const delivered = deliveries.filter((d) => d.kind === "unauthorised_attempt");
  assert.deepEqual(delivered.map((d) => d.channelId), [channel.id, channel.id]);
  assert.deepEqual(delivered.map((d) => d.eventId).sort(), alarms.map((r) => JSON.parse(r.body).eventId).sort(), "what was sent is what the administrator sees");
}

/**
 * The seal keeper's one list of device alarms: both unauthorised presses are open; acknowledging one (twice:
 * the second returns the first) takes it off the open list, and the ledger records who acknowledged it.
 */
async function assertAlarmListedAndAcknowledged(chain, { admin, member, keeper }, device) {
  const open = await eventually(
    "both unauthorised presses in the organisation's open device alarms",
    async () => {
      const { alarms } = await chain.ok(200, "GET", "/api/v1/device-alarms?state=open", { token: keeper.token });
      const ours = alarms.filter((a) => a.deviceId === device.deviceId && a.kind === "unauthorised_attempt");
      return ours.length >= 2 ? ours : undefined;
    },
    { ms: chain.waitMs },
  );
  assert.equal(open.length, 2, "each unauthorised press is one alarm");
  assert.equal((await chain.api("GET", "/api/v1/device-alarms", { token: member.token })).status, 403, "a member cannot read device alarms");
  assert.equal((await chain.api("POST", `/api/v1/device-alarms/${open[0].id}/acknowledge`, { token: admin.token, body: {} })).status, 403, "acknowledging is the seal keeper's (device.keep), not the administrator's");
  const [first] = open;
  const note = "checked with the applicant: pressed before approval";
  const acknowledged = await chain.ok(200, "POST", `/api/v1/device-alarms/${first.id}/acknowledge`, { token: keeper.token, body: { note } });
  assert.deepEqual([acknowledged.acknowledged?.by, acknowledged.acknowledged?.note], [keeper.userId, note]);
  const again = await chain.ok(200, "POST", `/api/v1/device-alarms/${first.id}/acknowledge`, { token: keeper.token, body: { note: "second time" } });
  assert.deepEqual(again.acknowledged, acknowledged.acknowledged, "a second acknowledgement returns the first");
  const { alarms: stillOpen } = await chain.ok(200, "GET", "/api/v1/device-alarms?state=open", { token: keeper.token });
  assert.deepEqual(stillOpen.filter((a) => a.deviceId === device.deviceId && a.kind === "unauthorised_attempt").map((a) => a.id), [open[1].id]);
  await eventually(
    "the acknowledgement in the evidence ledger",
    async () => {
      const { entries } = await chain.ok(200, "GET", `/api/v1/evidence/entries?subject=${device.deviceId}&limit=1000`, { token: admin.token });
      const recorded = entries.filter((entry) => entry.kind === "device-control.alarm-acknowledged");
      return recorded.length > 0 ? recorded : undefined;
    },
    { ms: chain.waitMs },
  ).then((recorded) => assert.equal(recorded.length, 1, "acknowledged once in the ledger"));
}

/** At the end of the run (after the restarts and redeliveries it provokes), still exactly one POST per alarm event. */
async function assertAlarmsDeliveredOnce(chain, device, { receiver }) {
  try {
    const alarms = receiver.received.map((r) => JSON.parse(r.body)).filter((b) => b.type === "yunxi.alarm" && b.kind !== "test");
    const ids = alarms.map((b) => b.eventId);
    assert.equal(new Set(ids).size, ids.length, `no alarm event was delivered twice: ${JSON.stringify(ids)}`);
    assert.equal(alarms.filter((b) => b.kind === "unauthorised_attempt" && b.deviceId === device.deviceId).length, 2, "exactly the two unauthorised presses");
    const output = chain.logs();
    assert.ok(!output.includes(chain.alarmSecret), "the webhook secret is not logged");
    assert.ok(!output.includes(chain.alarmUrlToken), "the webhook URL's token is not logged");
  } finally {
    await receiver.close();
  }
}
