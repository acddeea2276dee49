import assert from "node:assert/strict";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { Server, ServerCredentials, type Client, type UntypedServiceImplementation } from "@grpc/grpc-js";
import {
  applyMigrations,
  callUnary,
  createGrpcClient,
  decodeEvent,
  isYunxiError,
  JwksTokenVerifier,
  MemoryKeyValueStore,
  permissionDenied,
  PgliteSqlDatabase,
  unary,
  type CallContext,
} from "@yunxi/platform";
import { capturingLogger } from "@yunxi/platform/testing";
import { MemoryOrganisationDirectory } from "../../app/test-fakes.js";
import { createIdentity, identityPrisma, type IdentityParts } from "../../module.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { identityEventType } from "../events/account-events.js";
import { organisationServiceDefinition, GrpcOrganisationDirectory } from "../organisation/grpc-organisation-directory.js";
import { DevelopmentSmsSender } from "../sms/development-sms-sender.js";
import { identityServiceDefinition } from "./identity-grpc.js";

const listen = async (server: Server) =>
  new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", ServerCredentials.createInsecure(), (e, port) => (e ? reject(e) : resolve(port))));

interface TokenResponse {
  accessToken: string;
  tokenType: string;
  expiresInSeconds: number;
  accountId: string;
  organisationId: string;
  memberships: { organisationId: string; roles: string[] }[];
}

describe("IdentityService over gRPC on PGlite", { timeout: 120_000 }, () => {
  const { logger, lines } = capturingLogger();
  const sender = new DevelopmentSmsSender({ logger, logCodes: false });
  const directory = new MemoryOrganisationDirectory();
  let db: PgliteSqlDatabase;
  let prisma: PrismaClient;
  let parts: IdentityParts;
  let identityServer: Server;
  let organisationServer: Server;
  let jwksServer: HttpServer;
  let client: Client;
  let verifier: JwksTokenVerifier;
  const secrets: string[] = [];

  const call = <Res>(method: string, request: unknown, context: Partial<CallContext> = {}) =>
    callUnary<unknown, Res>(client, method, request, { requestId: "t", ...context }, 10_000);

  async function register(mobile: string, organisation: Record<string, string>, password = "correct horse battery"): Promise<TokenResponse> {
    await call("RequestSmsCode", { mobile });
    const smsCode = sender.lastCode(mobile) as string;
    secrets.push(smsCode, password);
    const result = await call<TokenResponse>("Register", { mobile, smsCode, password, displayName: "测试", ...organisation });
    secrets.push(result.accessToken);
    return result;
  }

  before(async () => {
    db = await PgliteSqlDatabase.open({ schema: "identity" });
    await applyMigrations(db, fileURLToPath(new URL("../../../prisma/migrations", import.meta.url)), { schema: "identity", logger });
    prisma = identityPrisma(db);

    // The gateway's part: /oidc/jwks served from identity's GetJwks.
    jwksServer = createServer((req, res) => {
      if (req.url !== "/oidc/jwks") return void res.writeHead(404).end();
      call<{ jwksJson: string }>("GetJwks", {}).then(
        (r) => res.setHeader("content-type", "application/json").end(r.jwksJson),
        () => res.writeHead(503).end(),
      );
    });
    await new Promise<void>((done) => jwksServer.listen(0, "127.0.0.1", done));
    const httpPort = (jwksServer.address() as AddressInfo).port;
    verifier = new JwksTokenVerifier({ issuer: `http://127.0.0.1:${httpPort}/oidc`, jwksUrl: `http://127.0.0.1:${httpPort}/oidc/jwks`, timeoutMs: 5000 });

    // A stand-in organisation service on the real proto that, like the real one, admits only identity's service tokens.
    organisationServer = new Server();
    const serviceOnly = async (context: CallContext) => {
      const principal = await verifier.verify(context.bearerToken ?? "");
      if (principal.claims["yunxi_service"] !== "identity" || principal.organisationId !== undefined) throw permissionDenied("internal RPC");
    };
    const organisationImpl: UntypedServiceImplementation = {
      CreateOrganisation: unary<{ name: string; code: string; founderUserId: string; founderDisplayName: string }, unknown>(logger, async (req, ctx) => {
        await serviceOnly(ctx);
        const m = await directory.createOrganisation({ name: req.name, ...(req.code ? { code: req.code } : {}), founderUserId: req.founderUserId, founderDisplayName: req.founderDisplayName });
        return { id: m.organisationId, name: m.organisationName, code: m.organisationCode };
      }),
      JoinOrganisation: unary<{ organisationCode: string; userId: string; displayName: string }, unknown>(logger, async (req, ctx) => {
        await serviceOnly(ctx);
        return { ...(await directory.joinOrganisation(req)), userId: req.userId };
      }),
      ListMembershipsOfUser: unary<{ userId: string }, unknown>(logger, async (req, ctx) => {
        await serviceOnly(ctx);
        return { memberships: await directory.listMemberships(req.userId) };
      }),
    };
    organisationServer.addService(organisationServiceDefinition(), organisationImpl);
    const organisationPort = await listen(organisationServer);

    parts = await createIdentity({
      prisma,
      keyValue: new MemoryKeyValueStore({ namespace: "identity" }),
      platform: { BIND_HOST: "127.0.0.1", HTTP_PORT: httpPort, PUBLIC_URL: undefined },
      secret: "handler-test-secret-handler-test-secret-00",
      sms: sender,
      organisations: (serviceToken) => new GrpcOrganisationDirectory(`127.0.0.1:${organisationPort}`, serviceToken),
      verifier,
      logger,
    });
    identityServer = new Server();
    const { service } = identityServiceDefinition();
    identityServer.addService(service, parts.grpc);
    client = createGrpcClient(service, { address: `127.0.0.1:${await listen(identityServer)}` });
  });

  after(async () => {
    client?.close();
    await Promise.all([identityServer, organisationServer].map((s) => s && new Promise<void>((done) => s.tryShutdown(() => done()))));
    await new Promise<void>((done) => (jwksServer ? jwksServer.close(() => done()) : done()));
    await prisma?.$disconnect();
    await db?.close();
  });

  it("registers (creating an organisation), announces it in the outbox, and logs in with a verifiable token", async () => {
    const registered = await register("13700000001", { newOrganisationName: "云玺一号", newOrganisationCode: "YX-ONE" });
    assert.equal(registered.tokenType, "Bearer");
    assert.equal(registered.expiresInSeconds, 900);
    const principal = await verifier.verify(registered.accessToken);
    assert.equal(principal.subject, registered.accountId);
    assert.equal(principal.organisationId, registered.organisationId);
    assert.deepEqual(principal.roles, ["administrator"]);

    const outbox = await db.query<{ topic: string; key: string; headers: Record<string, string>; payload: Uint8Array }>("SELECT topic, key, headers, payload FROM outbox_event");
    assert.equal(outbox.length, 1);
    const decoded = decodeEvent({ topic: outbox[0]!.topic, key: outbox[0]!.key, headers: outbox[0]!.headers, value: Buffer.from(outbox[0]!.payload) } as never, identityEventType("AccountRegistered"));
    assert.equal(decoded.payload["accountId"], registered.accountId);
    assert.equal(decoded.payload["createdOrganisation"], true);
    assert.equal(decoded.metadata.organisationId, registered.organisationId);

    const login = await call<TokenResponse>("Login", { mobile: "13700000001", password: "correct horse battery", clientIp: "192.0.2.10" });
    secrets.push(login.accessToken);
    assert.equal((await verifier.verify(login.accessToken)).organisationId, registered.organisationId);
    const history = await parts.accounts.listLoginHistory(registered.accountId, 5);
    assert.deepEqual(history.map((h) => [h.success, h.ip]), [[true, "192.0.2.10"]]);
  });

  it("refuses bad input with field violations and changes nothing", async () => {
    const before = await prisma.account.count();
    await assert.rejects(
      call("Register", { mobile: "12345", smsCode: "x", password: "short", displayName: "", organisationCode: "!" }),
      (e: unknown) => isYunxiError(e, "InvalidArgument") && ["mobile", "sms_code", "password", "display_name", "organisation_code"].every((f) => e.violations.some((v) => v.field === f)),
    );
    await assert.rejects(call("Register", { mobile: "13700000009", smsCode: "123456", password: "correct horse", displayName: "x" }), (e: unknown) => isYunxiError(e, "InvalidArgument"));
    const sent = await call<{ developmentCode: string }>("RequestSmsCode", { mobile: "13700000008" });
    assert.equal(sent.developmentCode, "", "a code is shown only by the development provider");
    const code = sender.lastCode("13700000008") as string;
    const wrong = code === "000000" ? "111111" : "000000";
    await assert.rejects(call("Register", { mobile: "13700000008", smsCode: wrong, password: "correct horse", displayName: "x", newOrganisationName: "n" }), (e: unknown) => isYunxiError(e, "InvalidArgument"));
    await assert.rejects(call("Register", { mobile: "13700000008", smsCode: code, password: "correct horse", displayName: "x", organisationCode: "NO-SUCH" }), (e: unknown) => isYunxiError(e, "NotFound"));
    await assert.rejects(call("RequestSmsCode", { mobile: "1" }), (e: unknown) => isYunxiError(e, "InvalidArgument"));
    assert.equal(await prisma.account.count(), before);
    assert.equal(directory.memberships.length, 1, "no membership was created by refused registrations");
  });

  it("keeps tenants apart: a token of one organisation never yields another organisation's token", async () => {
    const a = await register("13700000002", { newOrganisationName: "甲", newOrganisationCode: "ORG-A" });
    const b = await register("13700000003", { newOrganisationName: "乙", newOrganisationCode: "ORG-B" });
    await assert.rejects(call("SwitchOrganisation", { organisationId: b.organisationId }, { bearerToken: a.accessToken }), (e: unknown) => isYunxiError(e, "PermissionDenied"));
    await assert.rejects(call("Login", { mobile: "13700000002", password: "correct horse battery", organisationId: b.organisationId }), (e: unknown) => isYunxiError(e, "PermissionDenied"));
    // The organisation header must agree with the token.
    await assert.rejects(
      call("SwitchOrganisation", { organisationId: a.organisationId }, { bearerToken: a.accessToken, organisationId: b.organisationId }),
      (e: unknown) => isYunxiError(e, "PermissionDenied"),
    );
    await assert.rejects(call("SwitchOrganisation", { organisationId: a.organisationId }), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    await assert.rejects(call("SwitchOrganisation", { organisationId: a.organisationId }, { bearerToken: "a.b.c" }), (e: unknown) => isYunxiError(e, "Unauthenticated"));

    // A second membership (joined by code) can be switched to.
    await call("RequestSmsCode", { mobile: "13700000004" });
    const joiner = await call<TokenResponse>("Register", { mobile: "13700000004", smsCode: sender.lastCode("13700000004"), password: "correct horse battery", displayName: "丙", organisationCode: "ORG-A" });
    directory.addMembership(joiner.accountId, b.organisationId, ["auditor"]);
    const switched = await call<TokenResponse>("SwitchOrganisation", { organisationId: b.organisationId }, { bearerToken: joiner.accessToken });
    const principal = await verifier.verify(switched.accessToken);
    assert.equal(principal.organisationId, b.organisationId);
    assert.deepEqual(principal.roles, ["auditor"]);
    assert.equal(switched.memberships.length, 2);
  });

  it("locks an account in the database after five failed logins", async () => {
    const { accountId } = await register("13700000005", { newOrganisationName: "丁" });
    for (let i = 0; i < 5; i++) await assert.rejects(call("Login", { mobile: "13700000005", password: "wrong horse battery" }), (e: unknown) => isYunxiError(e, "Unauthenticated"));
    await assert.rejects(call("Login", { mobile: "13700000005", password: "correct horse battery" }), (e: unknown) => isYunxiError(e, "FailedPrecondition"));
    const row = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    assert.ok(row.lockedUntil && row.lockedUntil.getTime() > Date.now() + 14 * 60_000);
    const history = await parts.accounts.listLoginHistory(accountId, 10);
    assert.deepEqual(history.map((h) => h.outcome), ["locked", ...Array(5).fill("wrong-password")]);
  });

  it("never logs passwords, SMS codes or tokens", () => {
    const text = JSON.stringify(lines());
    assert.ok(secrets.length > 10);
    for (const secret of secrets) assert.ok(!text.includes(secret), "a secret reached the log");
  });
});
