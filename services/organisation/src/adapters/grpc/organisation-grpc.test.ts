import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Client } from "@grpc/grpc-js";
import {
  applyMigrations,
  callUnary,
  createGrpcClient,
  decodeEvent,
  EmbeddedPostgres,
  isYunxiError,
  type CallContext,
  type ErrorKind,
  type SqlDatabase,
} from "@yunxi/platform";
import { captureLogs, startTestGrpcServer, startTestIssuer, type TestGrpcServer, type TestIssuer } from "@yunxi/platform/testing";
import { makeOrganisationService } from "../../app/organisation-service.js";
import { organisationPrismaClient } from "../db/prisma-client.js";
import { MIGRATIONS_DIR } from "../db/prisma-under-test.js";
import { PrismaOrganisationRepository } from "../db/prisma-organisation-repository.js";
import { organisationEventType } from "../events/organisation-events.js";
import { makeOrganisationGrpc, organisationServiceDefinition } from "./organisation-grpc.js";

interface OrganisationReply { id: string; name: string; code: string; description: string; createdAt: string }
interface MembershipReply { userId: string; organisationId: string; organisationCode: string; organisationName: string; departmentId: string; roles: string[]; displayName: string }
interface DepartmentReply { id: string; name: string; sortOrder: number }

const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);

describe("OrganisationService over gRPC on embedded PGlite, tokens checked against a JWKS", { timeout: 120_000 }, () => {
  let embedded: EmbeddedPostgres;
  let tokens: TestIssuer;
  let server: TestGrpcServer;
  let client: Client;
  let closePrisma: () => Promise<void>;
  let db: SqlDatabase;
  const logs = captureLogs();
  const identity = (): Promise<CallContext> => tokens.serviceContext("identity");
  const userCtx = async (sub: string, org: string, roles: string[]): Promise<CallContext> => {
    const { organisationId: _scoped, ...context } = await tokens.userContext(sub, org, roles);
    return context;
  };
  const call = <Res>(method: string, request: unknown, context: CallContext) => callUnary<unknown, Res>(client, method, request, context, 10_000);

  before(async () => {
    tokens = await startTestIssuer();
    const logger = logs.logger;
    embedded = await EmbeddedPostgres.open();
    db = await embedded.database("organisation");
    await applyMigrations(db, MIGRATIONS_DIR, { schema: "organisation", logger });
    const prisma = organisationPrismaClient(db);
    closePrisma = () => prisma.$disconnect();
    const service = makeOrganisationService({
      repository: new PrismaOrganisationRepository(prisma),
      verifier: tokens.verifier,
      logger,
    });
    const { service: definition } = organisationServiceDefinition();
    server = await startTestGrpcServer([{ definition, implementation: makeOrganisationGrpc(service, logger) }]);
    client = createGrpcClient(definition, { address: server.address });
  });

  after(async () => {
    client?.close();
    if (server) await server.close();
    await closePrisma?.();
    await embedded?.close();
    await tokens?.close();
  });

  it("registers: create with a generated code, join by code in any case, list memberships for login", async () => {
    const created = await call<OrganisationReply>("CreateOrganisation", { name: "云玺科技", founderUserId: "u-li", founderDisplayName: "Li Lei" }, await identity());
    assert.match(created.code, /^YX-/);
    const joined = await call<MembershipReply>("JoinOrganisation", { organisationCode: created.code.toLowerCase(), userId: "u-han", displayName: "Han Meimei" }, await identity());
    assert.deepEqual([joined.organisationId, joined.organisationCode, joined.organisationName, joined.roles], [created.id, created.code, "云玺科技", ["member"]]);
    await assert.rejects(call("JoinOrganisation", { organisationCode: created.code, userId: "u-han" }, await identity()), failsWith("AlreadyExists"));
    await assert.rejects(call("JoinOrganisation", { organisationCode: "NO-SUCH-ORG", userId: "u-x" }, await identity()), failsWith("NotFound"));
    const { memberships } = await call<{ memberships: MembershipReply[] }>("ListMembershipsOfUser", { userId: "u-li" }, await identity());
    assert.deepEqual(memberships.map((m) => [m.organisationId, m.roles]), [[created.id, ["administrator"]]]);
  });

  it("lets exactly one of concurrent creations with the same code win", async () => {
    const contexts = await Promise.all(Array.from({ length: 4 }, () => identity()));
    const results = await Promise.allSettled(contexts.map((ctx, i) => call<OrganisationReply>("CreateOrganisation", { name: `Race ${i}`, code: i % 2 ? "RACE(7)" : "race(7)", founderUserId: `u-race-${i}` }, ctx)));
    assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
    for (const r of results) if (r.status === "rejected") assert.ok(isYunxiError(r.reason, "AlreadyExists"), String(r.reason));
  });

  it("answers bad input with InvalidArgument and its field violations, creating nothing", async () => {
    await assert.rejects(call("CreateOrganisation", { name: "", code: "no spaces allowed", founderUserId: "u-bad" }, await identity()), (e: unknown) => {
      assert.ok(isYunxiError(e, "InvalidArgument"));
      assert.deepEqual(e.violations.map((v) => v.field), ["name", "code"]);
      return true;
    });
    const { memberships } = await call<{ memberships: MembershipReply[] }>("ListMembershipsOfUser", { userId: "u-bad" }, await identity());
    assert.deepEqual(memberships, []);
  });

  it("keeps internal RPCs for services and user RPCs for users", async () => {
    const org = await call<OrganisationReply>("CreateOrganisation", { name: "Split", code: "SPLIT-1", founderUserId: "u-split" }, await identity());
    const admin = await userCtx("u-split", org.id, ["administrator"]);
    await assert.rejects(call("CreateOrganisation", { name: "x", founderUserId: "u-split" }, admin), failsWith("PermissionDenied"));
    await assert.rejects(call("ListMembershipsOfUser", { userId: "u-split" }, admin), failsWith("PermissionDenied"));
    await assert.rejects(call("JoinOrganisation", { organisationCode: "SPLIT-1", userId: "u-z" }, admin), failsWith("PermissionDenied"));
    await assert.rejects(call("GetOrganisation", {}, await identity()), failsWith("PermissionDenied"));
    await assert.rejects(call("GetOrganisation", {}, { requestId: "t" }), failsWith("Unauthenticated"));
    await assert.rejects(call("GetOrganisation", {}, { requestId: "t", bearerToken: "a.b.c" }), failsWith("Unauthenticated"));
  });

  it("runs an organisation: settings, departments, members, roles and the last administrator", async () => {
    const org = await call<OrganisationReply>("CreateOrganisation", { name: "Main Office", code: "YXXW(001-1)", founderUserId: "u-boss", description: "HQ" }, await identity());
    await call("JoinOrganisation", { organisationCode: "YXXW(001-1)", userId: "u-clerk", displayName: "Clerk" }, await identity());
    const admin = await userCtx("u-boss", org.id, ["administrator"]);
    const clerk = await userCtx("u-clerk", org.id, ["member"]);

    const renamed = await call<OrganisationReply>("UpdateOrganisation", { name: "Head Office" }, admin);
    assert.deepEqual([renamed.name, renamed.description], ["Head Office", "HQ"]);
    assert.equal((await call<OrganisationReply>("UpdateOrganisation", { description: "" }, admin)).description, "");
    await assert.rejects(call("UpdateOrganisation", { name: "Clerk's" }, clerk), failsWith("PermissionDenied"));

    const finance = await call<DepartmentReply>("CreateDepartment", { name: "Finance", sortOrder: 5 }, admin);
    await call<DepartmentReply>("CreateDepartment", { name: "Legal", sortOrder: 1 }, admin);
    await assert.rejects(call("CreateDepartment", { name: "Sales" }, clerk), failsWith("PermissionDenied"));
    const moved = await call<DepartmentReply>("RenameDepartment", { id: finance.id, sortOrder: 0 }, admin);
    assert.deepEqual([moved.name, moved.sortOrder], ["Finance", 0]);
    const { departments } = await call<{ departments: DepartmentReply[] }>("ListDepartments", {}, clerk);
    assert.deepEqual(departments.map((d) => d.name), ["Finance", "Legal"]);

    await assert.rejects(call("ListMembers", {}, clerk), failsWith("PermissionDenied"));
    await assert.rejects(call("SetMemberRoles", { userId: "u-boss", roles: ["member"] }, admin), failsWith("FailedPrecondition"));
    const keeper = await call<MembershipReply>("SetMemberRoles", { userId: "u-clerk", roles: ["seal_keeper", "approver"], departmentId: finance.id }, admin);
    assert.deepEqual([keeper.roles, keeper.departmentId], [["seal_keeper", "approver"], finance.id]);
    const { members } = await call<{ members: MembershipReply[] }>("ListMembers", {}, await userCtx("u-clerk", org.id, ["seal_keeper"]));
    assert.deepEqual(members.map((m) => [m.userId, m.roles]), [["u-boss", ["administrator"]], ["u-clerk", ["seal_keeper", "approver"]]]);

    // The events went to the outbox with the state changes, as protobuf payloads.
    const rows = await db.query<{ topic: string; headers: Record<string, string>; payload: Uint8Array }>("SELECT topic, headers, payload FROM outbox_event WHERE headers->>'ce_organisationid' = $1 ORDER BY sequence", [org.id]);
    assert.deepEqual(rows.map((r) => r.topic), [
      "yunxi.organisation.v1.organisation-created",
      "yunxi.organisation.v1.member-joined",
      "yunxi.organisation.v1.member-joined",
      "yunxi.organisation.v1.member-roles-changed",
    ]);
    const last = rows.at(-1)!;
    const { payload } = decodeEvent<{ userId: string; previousRoles: string[]; roles: string[]; changedBy: string }>({ headers: last.headers, value: Buffer.from(last.payload) }, organisationEventType("MemberRolesChanged"));
    assert.deepEqual([payload.userId, payload.previousRoles, payload.roles, payload.changedBy], ["u-clerk", ["member"], ["seal_keeper", "approver"], "u-boss"]);
  });

  it("shows one organisation nothing of another's, whatever ids it sends", async () => {
    const a = await call<OrganisationReply>("CreateOrganisation", { name: "A", code: "TENANT-A", founderUserId: "u-a" }, await identity());
    const b = await call<OrganisationReply>("CreateOrganisation", { name: "B", code: "TENANT-B", founderUserId: "u-b" }, await identity());
    const adminA = await userCtx("u-a", a.id, ["administrator"]);
    const adminB = await userCtx("u-b", b.id, ["administrator"]);
    const secret = await call<DepartmentReply>("CreateDepartment", { name: "Secret", sortOrder: 0 }, adminA);
    assert.equal((await call<OrganisationReply>("GetOrganisation", {}, adminB)).id, b.id);
    assert.deepEqual((await call<{ departments: DepartmentReply[] }>("ListDepartments", {}, adminB)).departments, []);
    assert.deepEqual((await call<{ members: MembershipReply[] }>("ListMembers", {}, adminB)).members.map((m) => m.userId), ["u-b"]);
    await assert.rejects(call("RenameDepartment", { id: secret.id, name: "Mine" }, adminB), failsWith("NotFound"));
    await assert.rejects(call("SetMemberRoles", { userId: "u-a", roles: ["member"] }, adminB), failsWith("NotFound"));
    await assert.rejects(call("GetOrganisation", {}, { ...adminB, organisationId: a.id }), failsWith("PermissionDenied"));
    assert.equal((await call<{ departments: DepartmentReply[] }>("ListDepartments", {}, adminA)).departments[0]?.name, "Secret");
    // A token for an organisation that does not exist finds nothing.
    await assert.rejects(call("GetOrganisation", {}, await userCtx("u-a", "not-a-uuid", ["administrator"])), failsWith("NotFound"));
  });

  it("never logs a token", () => {
    const log = logs.text();
    assert.ok(log.length > 0);
    for (const token of tokens.issued) assert.ok(!log.includes(token.split(".")[2] ?? token));
  });
});
