import assert from "node:assert/strict";
import { beforeEach, describe, it } from "node:test";
import { createRootLogger, isYunxiError, principalFromClaims, type CallContext, type ErrorKind, type TokenVerifier } from "@yunxi/platform";
import { MemoryOrganisationRepository } from "../adapters/memory/memory-organisation-repository.js";
import { makeOrganisationService, type OrganisationService } from "./organisation-service.js";

// Tokens are their JSON claims: signature checks are the verifier's business, tested in the platform.
const verifier: TokenVerifier = {
  async verify(token) {
    return principalFromClaims({ exp: Math.floor(Date.now() / 1000) + 60, ...(JSON.parse(token) as Record<string, unknown>) });
  },
};
const as = (claims: Record<string, unknown>): CallContext => ({ requestId: "test", bearerToken: JSON.stringify(claims) });
const identity = as({ sub: "service:identity", yunxi_service: "identity" });
const user = (sub: string, organisationId: string, roles: string[]) => as({ sub, yunxi_org: organisationId, roles });
const failsWith = (kind: ErrorKind) => (error: unknown) => isYunxiError(error, kind);

describe("organisation use cases", () => {
  let repository: MemoryOrganisationRepository;
  let service: OrganisationService;
  beforeEach(() => {
    repository = new MemoryOrganisationRepository();
    service = makeOrganisationService({ repository, verifier, logger: createRootLogger({ level: "silent" }) });
  });

  const found = (code = "YXXW(001-1)", founder = "u-founder") => service.createOrganisation(identity, { name: "云玺科技", code, description: "", founderUserId: founder, founderDisplayName: "Li Lei" });

  describe("internal RPCs (identity only)", () => {
    it("creates an organisation whose founder is its administrator, announcing both", async () => {
      const organisation = await found();
      assert.equal(organisation.code, "YXXW(001-1)");
      assert.deepEqual((await repository.findMember(organisation.id, "u-founder"))?.roles, ["administrator"]);
      assert.deepEqual(repository.events.map((e) => e.type), ["OrganisationCreated", "MemberJoined"]);
    });

    it("generates a code when none is given", async () => {
      const organisation = await service.createOrganisation(identity, { name: "Acme", code: "", description: "", founderUserId: "u1", founderDisplayName: "" });
      assert.match(organisation.code, /^YX-[A-Z2-9]{8}$/);
    });

    it("refuses a code taken in any case, and a malformed one, changing nothing", async () => {
      await found();
      await assert.rejects(found("yxxw(001-1)", "u-other"), failsWith("AlreadyExists"));
      await assert.rejects(found("bad code!", "u-other"), failsWith("InvalidArgument"));
      assert.equal(repository.organisations.size, 1);
      assert.deepEqual(await repository.listMembershipsOfUser("u-other"), []);
    });

    it("joins by code as member: unknown code NotFound, twice AlreadyExists", async () => {
      const organisation = await found();
      const membership = await service.joinOrganisation(identity, { organisationCode: "yxxw(001-1)", userId: "u2", displayName: "Han Meimei" });
      assert.deepEqual([membership.organisationId, membership.organisationCode, membership.roles], [organisation.id, "YXXW(001-1)", ["member"]]);
      await assert.rejects(service.joinOrganisation(identity, { organisationCode: "YXXW(001-1)", userId: "u2", displayName: "" }), failsWith("AlreadyExists"));
      await assert.rejects(service.joinOrganisation(identity, { organisationCode: "NOPE-404", userId: "u3", displayName: "" }), failsWith("NotFound"));
      const memberships = await service.listMembershipsOfUser(identity, "u2");
      assert.deepEqual(memberships.map((m) => [m.organisationName, m.roles]), [["云玺科技", ["member"]]]);
    });

    it("refuses user tokens, even an administrator's, and other services", async () => {
      const organisation = await found();
      const admin = user("u-founder", organisation.id, ["administrator"]);
      await assert.rejects(service.createOrganisation(admin, { name: "x", code: "", description: "", founderUserId: "u9", founderDisplayName: "" }), failsWith("PermissionDenied"));
      await assert.rejects(service.joinOrganisation(admin, { organisationCode: "YXXW(001-1)", userId: "u9", displayName: "" }), failsWith("PermissionDenied"));
      await assert.rejects(service.listMembershipsOfUser(admin, "u-founder"), failsWith("PermissionDenied"));
      await assert.rejects(service.listMembershipsOfUser(as({ sub: "service:approval", yunxi_service: "approval" }), "u-founder"), failsWith("PermissionDenied"));
      await assert.rejects(service.listMembershipsOfUser({ requestId: "x" }, "u-founder"), failsWith("Unauthenticated"));
      assert.equal(repository.organisations.size, 1);
    });
  });

  describe("user RPCs", () => {
    it("refuse a service token: it belongs to no organisation", async () => {
      await assert.rejects(service.getOrganisation(identity), failsWith("PermissionDenied"));
    });

    it("check permissions per role", async () => {
      const organisation = await found();
      await service.joinOrganisation(identity, { organisationCode: "YXXW(001-1)", userId: "u-member", displayName: "" });
      const member = user("u-member", organisation.id, ["member"]);
      assert.equal((await service.getOrganisation(member)).id, organisation.id);
      await assert.rejects(service.updateOrganisation(member, { name: "Mine now" }), failsWith("PermissionDenied"));
      await assert.rejects(service.createDepartment(member, { name: "Finance", sortOrder: 0 }), failsWith("PermissionDenied"));
      await assert.rejects(service.listMembers(member), failsWith("PermissionDenied"));
      await assert.rejects(service.setMemberRoles(member, { userId: "u-member", roles: ["administrator"] }), failsWith("PermissionDenied"));
      assert.deepEqual((await repository.findMember(organisation.id, "u-member"))?.roles, ["member"]);
      assert.equal((await service.listMembers(user("u-aud", organisation.id, ["auditor"]))).length, 2);
    });

    it("manage the organisation and its departments", async () => {
      const organisation = await found();
      const admin = user("u-founder", organisation.id, ["administrator"]);
      assert.equal((await service.updateOrganisation(admin, { description: "Head office" })).description, "Head office");
      const finance = await service.createDepartment(admin, { name: "Finance", sortOrder: 2 });
      await service.createDepartment(admin, { name: "Legal", sortOrder: 1 });
      await assert.rejects(service.createDepartment(admin, { name: " ", sortOrder: 0 }), failsWith("InvalidArgument"));
      await assert.rejects(service.createDepartment(admin, { name: "Finance", sortOrder: 0 }), failsWith("AlreadyExists"));
      assert.equal((await service.renameDepartment(admin, finance.id, { name: "Treasury" })).name, "Treasury");
      await assert.rejects(service.renameDepartment(admin, "not-a-uuid", { name: "x" }), failsWith("InvalidArgument"));
      const listed = await service.listDepartments(user("u-x", organisation.id, ["member"]));
      assert.deepEqual(listed.map((d) => d.name), ["Legal", "Treasury"]);
    });

    it("keep one organisation's data out of another's reach", async () => {
      const a = await found("ORG-A", "u-a");
      const b = await found("ORG-B", "u-b");
      const adminA = user("u-a", a.id, ["administrator"]);
      const adminB = user("u-b", b.id, ["administrator"]);
      const department = await service.createDepartment(adminA, { name: "Finance", sortOrder: 0 });
      assert.equal((await service.getOrganisation(adminB)).id, b.id);
      assert.deepEqual(await service.listDepartments(adminB), []);
      assert.deepEqual((await service.listMembers(adminB)).map((m) => m.userId), ["u-b"]);
      await assert.rejects(service.renameDepartment(adminB, department.id, { name: "Ours" }), failsWith("NotFound"));
      await assert.rejects(service.setMemberRoles(adminB, { userId: "u-a", roles: ["member"] }), failsWith("NotFound"));
      await assert.rejects(service.setMemberRoles(adminB, { userId: "u-b", roles: ["administrator"], departmentId: department.id }), failsWith("NotFound"));
      // The organisation header cannot widen a token's scope.
      await assert.rejects(service.getOrganisation({ ...adminB, organisationId: a.id }), failsWith("PermissionDenied"));
      assert.equal((await repository.findDepartment(a.id, department.id))?.name, "Finance");
      assert.deepEqual((await repository.findMember(a.id, "u-a"))?.roles, ["administrator"]);
    });

    it("set roles, announce the change, and never remove the last administrator", async () => {
      const organisation = await found();
      const admin = user("u-founder", organisation.id, ["administrator"]);
      await service.joinOrganisation(identity, { organisationCode: "YXXW(001-1)", userId: "u2", displayName: "" });
      const eventsBefore = repository.events.length;
      await assert.rejects(service.setMemberRoles(admin, { userId: "u-founder", roles: ["member"] }), failsWith("FailedPrecondition"));
      await assert.rejects(service.setMemberRoles(admin, { userId: "u2", roles: ["owner"] }), failsWith("InvalidArgument"));
      await assert.rejects(service.setMemberRoles(admin, { userId: "nobody", roles: ["member"] }), failsWith("NotFound"));
      assert.equal(repository.events.length, eventsBefore);
      const promoted = await service.setMemberRoles(admin, { userId: "u2", roles: ["approver", "administrator"] });
      assert.deepEqual(promoted.roles, ["administrator", "approver"]);
      assert.deepEqual(repository.events.at(-1), {
        type: "MemberRolesChanged",
        organisationId: organisation.id,
        userId: "u2",
        previousRoles: ["member"],
        roles: ["administrator", "approver"],
        changedBy: "u-founder",
        occurredAt: repository.events.at(-1)?.occurredAt,
      });
      // Now another administrator remains, so the founder may step down.
      assert.deepEqual((await service.setMemberRoles(admin, { userId: "u-founder", roles: ["seal_keeper"] })).roles, ["seal_keeper"]);
    });
  });
});
