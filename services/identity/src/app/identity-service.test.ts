import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decodeJwt } from "jose";
import { createRootLogger, isYunxiError, MemoryKeySpace, MemoryKeyValueStore } from "@yunxi/platform";
import { Argon2PasswordHasher } from "../adapters/crypto/argon2-password-hasher.js";
import { DevelopmentSmsSender } from "../adapters/sms/development-sms-sender.js";
import { BuiltInOidcIssuer } from "../adapters/tokens/built-in-oidc-issuer.js";
import { LOCKOUT_SECONDS, MAX_FAILED_LOGINS } from "../domain/lockout.js";
import { makeIdentityService } from "./identity-service.js";
import { SmsCodes } from "./sms-codes.js";
import { MemoryAccountRepository, MemoryOrganisationDirectory, MemorySigningKeyStore } from "./test-fakes.js";

const logger = createRootLogger({ level: "silent" });
// Cheap argon2id parameters: these tests are about the use cases, not the hash's cost.
const passwords = new Argon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

async function setup() {
  let now = Date.parse("2026-03-01T08:00:00Z");
  const clock = () => now;
  const accounts = new MemoryAccountRepository();
  const sender = new DevelopmentSmsSender({ logger, logCodes: false });
  const issuer = new BuiltInOidcIssuer({ issuer: "http://127.0.0.1:8080/oidc", keys: new MemorySigningKeyStore(), secret: "s".repeat(43), logger, now: () => new Date(now) });
  await issuer.start();
  const organisations = new MemoryOrganisationDirectory(() => issuer.serviceToken());
  const smsCodes = new SmsCodes(new MemoryKeyValueStore({ namespace: "identity", space: new MemoryKeySpace({ now: clock }) }), sender, clock);
  const service = makeIdentityService({ accounts, passwords, smsCodes, organisations, tokens: issuer, clock: { now: () => new Date(now) }, logger });
  const register = async (mobile: string, organisation: { join: string } | { create: string; code?: string }, password = "correct horse") => {
    await service.requestSmsCode(mobile);
    return service.register({ mobile, smsCode: sender.lastCode(mobile) as string, password, displayName: "测试用户", organisation });
  };
  return { service, accounts, organisations, sender, register, advance: (ms: number) => (now += ms) };
}

const kind = (k: string) => (e: unknown) => isYunxiError(e, k as never);

describe("identity use cases", () => {
  it("registers by creating an organisation: administrator token, event data, organisation called with a service token", async () => {
    const { register, accounts, organisations } = await setup();
    const result = await register("13800000001", { create: "云玺科技", code: "YUNXI-1" });
    const claims = decodeJwt(result.accessToken);
    assert.equal(claims.sub, result.accountId);
    assert.equal(claims["yunxi_org"], result.organisationId);
    assert.deepEqual(claims["roles"], ["administrator"]);
    assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 15 * 60);
    assert.deepEqual(accounts.registrations, [{ accountId: result.accountId, organisationId: result.organisationId, createdOrganisation: true }]);
    const stored = accounts.accounts.get(result.accountId);
    assert.match(stored?.passwordHash ?? "", /^\$argon2id\$/);
    const serviceClaims = decodeJwt(organisations.tokensSeen[0] ?? "");
    assert.equal(serviceClaims.sub, "service:identity");
    assert.equal(serviceClaims["yunxi_service"], "identity");
    assert.equal(serviceClaims["yunxi_org"], undefined);
    assert.equal((serviceClaims.exp ?? 0) - (serviceClaims.iat ?? 0), 60);
  });

  it("registers by joining with an organisation code as a member", async () => {
    const { register, organisations } = await setup();
    const orgId = organisations.addOrganisation("甲公司", "JIA-001");
    const result = await register("13800000002", { join: "jia-001" });
    assert.equal(result.organisationId, orgId);
    assert.deepEqual(decodeJwt(result.accessToken)["roles"], ["member"]);
  });

  it("an unknown organisation code creates nothing and leaves the SMS code usable", async () => {
    const { service, sender, accounts, organisations } = await setup();
    await service.requestSmsCode("13800000003");
    const smsCode = sender.lastCode("13800000003") as string;
    const input = { mobile: "13800000003", smsCode, password: "correct horse", displayName: "王五" };
    await assert.rejects(service.register({ ...input, organisation: { join: "NOPE-1" } }), kind("NotFound"));
    assert.equal(accounts.accounts.size, 0);
    organisations.addOrganisation("乙公司", "YI-002");
    const result = await service.register({ ...input, organisation: { join: "YI-002" } });
    assert.ok(result.accessToken);
  });

  it("refuses a wrong SMS code, a reused code and a taken mobile number", async () => {
    const { service, sender, register, advance } = await setup();
    await service.requestSmsCode("13800000004");
    const good = sender.lastCode("13800000004") as string;
    const wrong = good === "123456" ? "654321" : "123456";
    const base = { mobile: "13800000004", password: "correct horse", displayName: "赵六", organisation: { create: "丙公司" } };
    await assert.rejects(service.register({ ...base, smsCode: wrong }), kind("InvalidArgument"));
    await service.register({ ...base, smsCode: good });
    await assert.rejects(service.register({ ...base, smsCode: good }), kind("AlreadyExists"));
    advance(61_000);
    await assert.rejects(register("13800000004", { create: "丁公司" }), kind("AlreadyExists"));
  });

  it("logs in with the password, records history with the ip, and refuses a wrong password alike for unknown numbers", async () => {
    const { service, register, accounts } = await setup();
    const registered = await register("13800000005", { create: "戊公司" });
    const login = await service.login({ mobile: "13800000005", password: "correct horse", clientIp: "10.0.0.7" });
    assert.equal(login.accountId, registered.accountId);
    assert.equal(login.organisationId, registered.organisationId);
    await assert.rejects(service.login({ mobile: "13800000005", password: "wrong horse" }), kind("Unauthenticated"));
    await assert.rejects(service.login({ mobile: "13800000099", password: "wrong horse" }), (e: unknown) => isYunxiError(e, "Unauthenticated") && e.message === "mobile number or password is wrong");
    await assert.rejects(service.login({ mobile: "nope", password: "" }), kind("InvalidArgument"));
    const history = await accounts.listLoginHistory(registered.accountId, 10);
    assert.deepEqual(history.map((h) => [h.success, h.outcome, h.ip]), [[false, "wrong-password", undefined], [true, "success", "10.0.0.7"]]);
  });

  it("locks the account after five failures for fifteen minutes, even for the right password", async () => {
    const { service, register, advance } = await setup();
    await register("13800000006", { create: "己公司" });
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await assert.rejects(service.login({ mobile: "13800000006", password: "wrong horse" }), kind("Unauthenticated"));
    await assert.rejects(service.login({ mobile: "13800000006", password: "correct horse" }), kind("FailedPrecondition"));
    advance(LOCKOUT_SECONDS * 1000 - 1000);
    await assert.rejects(service.login({ mobile: "13800000006", password: "correct horse" }), kind("FailedPrecondition"));
    advance(1000);
    const ok = await service.login({ mobile: "13800000006", password: "correct horse" });
    assert.ok(ok.accessToken);
  });

  it("a success resets the failure count", async () => {
    const { service, register, accounts } = await setup();
    const { accountId } = await register("13800000007", { create: "庚公司" });
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) await assert.rejects(service.login({ mobile: "13800000007", password: "wrong horse" }));
    await service.login({ mobile: "13800000007", password: "correct horse" });
    assert.equal(accounts.accounts.get(accountId)?.failedLoginCount, 0);
    await assert.rejects(service.login({ mobile: "13800000007", password: "wrong horse" }), kind("Unauthenticated"));
    await service.login({ mobile: "13800000007", password: "correct horse" });
  });

  it("chooses among memberships at login and switches only to organisations the account belongs to", async () => {
    const { service, register, organisations } = await setup();
    const first = await register("13800000008", { create: "辛公司" });
    const second = organisations.addOrganisation("壬公司", "REN-1");
    organisations.addMembership(first.accountId, second, ["approver"]);
    const foreign = organisations.addOrganisation("癸公司", "GUI-1");
    const chosen = await service.login({ mobile: "13800000008", password: "correct horse", organisationId: second });
    assert.equal(decodeJwt(chosen.accessToken)["yunxi_org"], second);
    assert.deepEqual(decodeJwt(chosen.accessToken)["roles"], ["approver"]);
    assert.equal(chosen.memberships.length, 2);
    await assert.rejects(service.login({ mobile: "13800000008", password: "correct horse", organisationId: foreign }), kind("PermissionDenied"));
    const switched = await service.switchOrganisation(first.accountId, first.organisationId as string);
    assert.equal(decodeJwt(switched.accessToken)["yunxi_org"], first.organisationId);
    await assert.rejects(service.switchOrganisation(first.accountId, foreign), kind("PermissionDenied"));
  });
});
