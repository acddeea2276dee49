import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import type { OrganisationEvent, OrganisationRepository } from "../../app/ports.js";
import { assertAdministratorRemains, type Member, type Organisation } from "../../domain/organisation.js";

/** A repository under test plus a view of what it put on its outbox (topics, in order). */
export interface RepositoryUnderTest {
  readonly repository: OrganisationRepository;
  outboxTopics(): Promise<string[]>;
  close(): Promise<void>;
}

const TOPIC: Record<OrganisationEvent["type"], string> = {
  OrganisationCreated: "yunxi.organisation.v1.organisation-created",
  MemberJoined: "yunxi.organisation.v1.member-joined",
  MemberRolesChanged: "yunxi.organisation.v1.member-roles-changed",
};

function newOrganisation(code: string): { organisation: Organisation; founder: Member; events: OrganisationEvent[] } {
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const organisation: Organisation = { id: randomUUID(), name: `Org ${code}`, code, description: "", createdAt: now };
  const founder: Member = { organisationId: organisation.id, userId: `founder-${randomUUID()}`, displayName: "Founder", departmentId: undefined, roles: ["administrator"], joinedAt: now };
  return {
    organisation,
    founder,
    events: [
      { type: "OrganisationCreated", organisationId: organisation.id, code, name: organisation.name, founderUserId: founder.userId, occurredAt: now },
      { type: "MemberJoined", organisationId: organisation.id, userId: founder.userId, roles: founder.roles, occurredAt: now },
    ],
  };
}

const uniqueCode = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** One suite for every OrganisationRepository: in memory, on embedded PGlite, on real PostgreSQL. */
export function organisationRepositoryContract(label: string, open: () => Promise<RepositoryUnderTest>): void {
  describe(`OrganisationRepository contract: ${label}`, { timeout: 120_000 }, () => {
    let subject: RepositoryUnderTest;
    let repository: OrganisationRepository;
    before(async () => {
      subject = await open();
      repository = subject.repository;
    });
    after(async () => subject?.close());

    it("creates an organisation with its founder and records both events", async () => {
      const before = (await subject.outboxTopics()).length;
      const { organisation, founder, events } = newOrganisation(uniqueCode("YXXW(001"));
      await repository.createOrganisation(organisation, founder, events);
      assert.deepEqual(await repository.findOrganisation(organisation.id), organisation);
      assert.deepEqual(await repository.findMember(organisation.id, founder.userId), founder);
      assert.deepEqual((await subject.outboxTopics()).slice(before), [TOPIC.OrganisationCreated, TOPIC.MemberJoined]);
    });

    it("finds by code ignoring case, and refuses the same code in another case without changing anything", async () => {
      const code = uniqueCode("Case");
      const first = newOrganisation(code);
      await repository.createOrganisation(first.organisation, first.founder, first.events);
      assert.equal((await repository.findOrganisationByCode(code.toLowerCase()))?.id, first.organisation.id);
      assert.equal((await repository.findOrganisationByCode(code.toUpperCase()))?.id, first.organisation.id);
      const topicsBefore = await subject.outboxTopics();
      const clash = newOrganisation(code.toUpperCase());
      await assert.rejects(repository.createOrganisation(clash.organisation, clash.founder, clash.events), (e: unknown) => isYunxiError(e, "AlreadyExists"));
      assert.equal(await repository.findOrganisation(clash.organisation.id), undefined);
      assert.deepEqual(await repository.listMembershipsOfUser(clash.founder.userId), []);
      assert.deepEqual(await subject.outboxTopics(), topicsBefore);
    });

    it("lets exactly one of several concurrent creations with the same code win", async () => {
      const code = uniqueCode("Race");
      const attempts = Array.from({ length: 5 }, (_, i) => newOrganisation(i % 2 === 0 ? code : code.toLowerCase()));
      const results = await Promise.allSettled(attempts.map((a) => repository.createOrganisation(a.organisation, a.founder, a.events)));
      const won = results.filter((r) => r.status === "fulfilled");
      assert.equal(won.length, 1);
      for (const r of results) if (r.status === "rejected") assert.ok(isYunxiError(r.reason, "AlreadyExists"), String(r.reason));
      const winner = attempts[results.findIndex((r) => r.status === "fulfilled")];
      assert.equal((await repository.findOrganisationByCode(code))?.id, winner?.organisation.id);
    });

    it("adds members once and lists a user's memberships across organisations with code and name", async () => {
      const a = newOrganisation(uniqueCode("MemA"));
      const b = newOrganisation(uniqueCode("MemB"));
      await repository.createOrganisation(a.organisation, a.founder, a.events);
      await repository.createOrganisation(b.organisation, b.founder, b.events);
      const userId = `user-${randomUUID()}`;
      const joinedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const inA: Member = { organisationId: a.organisation.id, userId, displayName: "Wang", departmentId: undefined, roles: ["member"], joinedAt };
      const inB: Member = { ...inA, organisationId: b.organisation.id, joinedAt: new Date(joinedAt.getTime() + 1000) };
      await repository.addMember(inA, [{ type: "MemberJoined", organisationId: a.organisation.id, userId, roles: ["member"], occurredAt: joinedAt }]);
      await repository.addMember(inB, []);
      const topicsBefore = await subject.outboxTopics();
      await assert.rejects(repository.addMember(inA, [{ type: "MemberJoined", organisationId: a.organisation.id, userId, roles: ["member"], occurredAt: joinedAt }]), (e: unknown) =>
        isYunxiError(e, "AlreadyExists"),
      );
      assert.deepEqual(await subject.outboxTopics(), topicsBefore);
      const memberships = await repository.listMembershipsOfUser(userId);
      assert.deepEqual(
        memberships.map((m) => [m.organisationId, m.organisationCode, m.organisationName, m.roles]),
        [
          [a.organisation.id, a.organisation.code, a.organisation.name, ["member"]],
          [b.organisation.id, b.organisation.code, b.organisation.name, ["member"]],
        ],
      );
      assert.deepEqual((await repository.listMembers(a.organisation.id)).map((m) => m.userId).sort(), [a.founder.userId, userId].sort());
    });

    it("changes a member in one step and stores nothing when the decision refuses", async () => {
      const a = newOrganisation(uniqueCode("Chg"));
      await repository.createOrganisation(a.organisation, a.founder, a.events);
      const topicsBefore = await subject.outboxTopics();
      await assert.rejects(
        repository.changeMember(a.organisation.id, a.founder.userId, (member, admins) => {
          assertAdministratorRemains(admins, member.userId, ["member"]);
          return { member: { ...member, roles: ["member"] }, events: [] };
        }),
        (e: unknown) => isYunxiError(e, "FailedPrecondition"),
      );
      assert.deepEqual((await repository.findMember(a.organisation.id, a.founder.userId))?.roles, ["administrator"]);
      const changed = await repository.changeMember(a.organisation.id, a.founder.userId, (member, admins) => {
        assert.deepEqual(admins, [a.founder.userId]);
        return {
          member: { ...member, roles: ["administrator", "approver"] },
          events: [{ type: "MemberRolesChanged", organisationId: a.organisation.id, userId: member.userId, previousRoles: member.roles, roles: ["administrator", "approver"], changedBy: member.userId, occurredAt: new Date() }],
        };
      });
      assert.deepEqual(changed?.roles, ["administrator", "approver"]);
      assert.deepEqual((await subject.outboxTopics()).slice(topicsBefore.length), [TOPIC.MemberRolesChanged]);
      assert.equal(await repository.changeMember(a.organisation.id, "nobody", () => assert.fail("decide must not run for an unknown member")), undefined);
    });

    it("never lets two administrators demoting each other at once leave none", async () => {
      const a = newOrganisation(uniqueCode("Last"));
      await repository.createOrganisation(a.organisation, a.founder, a.events);
      const second: Member = { ...a.founder, userId: `admin-${randomUUID()}` };
      await repository.addMember(second, []);
      const demote = (userId: string) =>
        repository.changeMember(a.organisation.id, userId, (member, admins) => {
          assertAdministratorRemains(admins, member.userId, ["member"]);
          return { member: { ...member, roles: ["member"] }, events: [] };
        });
      const results = await Promise.allSettled([demote(a.founder.userId), demote(second.userId)]);
      assert.equal(results.filter((r) => r.status === "fulfilled").length, 1);
      const admins = (await repository.listMembers(a.organisation.id)).filter((m) => m.roles.includes("administrator"));
      assert.equal(admins.length, 1);
    });

    it("keeps departments inside their organisation, with unique names", async () => {
      const a = newOrganisation(uniqueCode("DepA"));
      const b = newOrganisation(uniqueCode("DepB"));
      await repository.createOrganisation(a.organisation, a.founder, a.events);
      await repository.createOrganisation(b.organisation, b.founder, b.events);
      const createdAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const finance = { id: randomUUID(), organisationId: a.organisation.id, name: "Finance", sortOrder: 2, createdAt };
      const legal = { id: randomUUID(), organisationId: a.organisation.id, name: "Legal", sortOrder: 1, createdAt };
      await repository.createDepartment(finance);
      await repository.createDepartment(legal);
      await repository.createDepartment({ ...finance, id: randomUUID(), organisationId: b.organisation.id });
      await assert.rejects(repository.createDepartment({ ...finance, id: randomUUID() }), (e: unknown) => isYunxiError(e, "AlreadyExists"));
      assert.deepEqual((await repository.listDepartments(a.organisation.id)).map((d) => d.name), ["Legal", "Finance"]);
      assert.equal(await repository.findDepartment(b.organisation.id, finance.id), undefined);
      assert.equal(await repository.updateDepartment(b.organisation.id, finance.id, { name: "Stolen" }), undefined);
      assert.equal((await repository.findDepartment(a.organisation.id, finance.id))?.name, "Finance");
      await assert.rejects(repository.updateDepartment(a.organisation.id, finance.id, { name: "Legal" }), (e: unknown) => isYunxiError(e, "AlreadyExists"));
      assert.deepEqual(await repository.updateDepartment(a.organisation.id, finance.id, { name: "Treasury", sortOrder: 0 }), { ...finance, name: "Treasury", sortOrder: 0 });
      const moved = await repository.changeMember(a.organisation.id, a.founder.userId, (member) => ({ member: { ...member, departmentId: finance.id }, events: [] }));
      assert.equal(moved?.departmentId, finance.id);
    });

    it("updates an organisation's name and description only where asked", async () => {
      const a = newOrganisation(uniqueCode("Upd"));
      await repository.createOrganisation(a.organisation, a.founder, a.events);
      assert.deepEqual(await repository.updateOrganisation(a.organisation.id, { description: "Seals of the finance office" }), { ...a.organisation, description: "Seals of the finance office" });
      assert.equal(await repository.updateOrganisation(randomUUID(), { name: "x" }), undefined);
    });
  });
}
