import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { isYunxiError } from "@yunxi/platform";
import type { ApprovalRepository } from "../../app/ports.js";
import { decide, draftApplication, submit, type Application } from "../../domain/application.js";
import { bindDevice, type Seal } from "../../domain/seal.js";
import { APPROVAL_TOPICS } from "../events/approval-events.js";

/** A repository under test plus a view of what it put on its outbox (topics, in order). */
export interface RepositoryUnderTest {
  readonly repository: ApprovalRepository;
  outboxTopics(): Promise<string[]>;
  close(): Promise<void>;
}

const now = () => new Date(Math.floor(Date.now() / 1000) * 1000);

function newSeal(organisationId: string, name = "合同专用章"): Seal {
  const t = now();
  return { id: randomUUID(), organisationId, name, details: { kind: "physical", sealType: "CONTRACT", sizeMm: 40, material: "RUBBER", deviceId: undefined }, version: 1, createdAt: t, updatedAt: t };
}

function newApplication(seal: Seal, applicantUserId = "alice", createdAt = now()): Application {
  return draftApplication(
    { sealId: seal.id, title: "Contract", description: "", documents: [{ objectKey: "k/doc.pdf", sha256: "b".repeat(64), contentType: "application/pdf" }], impressionCount: 3 },
    { id: randomUUID(), organisationId: seal.organisationId, applicantUserId },
    createdAt,
  );
}

/** One suite for every ApprovalRepository: in memory, on embedded PGlite, on real PostgreSQL. */
export function approvalRepositoryContract(label: string, open: () => Promise<RepositoryUnderTest>): void {
  describe(`ApprovalRepository contract: ${label}`, { timeout: 120_000 }, () => {
    let subject: RepositoryUnderTest;
    let repository: ApprovalRepository;
    before(async () => {
      subject = await open();
      repository = subject.repository;
    });
    after(async () => subject?.close());
    const newTopics = async (since: number) => (await subject.outboxTopics()).slice(since);

    it("stores seals per organisation: another organisation finds and lists nothing", async () => {
      const orgA = randomUUID();
      const orgB = randomUUID();
      const b = newSeal(orgA, "B");
      const a = { ...newSeal(orgA, "A"), details: { kind: "electronic" as const, imageObjectKey: "seals/a.png", certificateRef: "SN-9" } };
      await repository.createSeal(b);
      await repository.createSeal(a);
      assert.deepEqual(await repository.findSeal(orgA, b.id), b);
      assert.deepEqual(await repository.listSeals(orgA), [a, b]);
      assert.equal(await repository.findSeal(orgB, b.id), undefined);
      assert.deepEqual(await repository.listSeals(orgB), []);
    });

    it("binds with a version check and records the events only when stored", async () => {
      const org = randomUUID();
      const seal = newSeal(org);
      await repository.createSeal(seal);
      const start = (await subject.outboxTopics()).length;
      const bound = bindDevice(seal, "dev-a", "admin", now());
      assert.equal(await repository.updateSeal(bound.seal, 1, bound.events), true);
      assert.deepEqual(await repository.findSeal(org, seal.id), bound.seal);
      // A writer that read version 1 lost: nothing changes.
      const stale = bindDevice(seal, "dev-b", "admin", now());
      assert.equal(await repository.updateSeal(stale.seal, 1, stale.events), false);
      assert.deepEqual(await repository.findSeal(org, seal.id), bound.seal);
      assert.deepEqual(await newTopics(start), [APPROVAL_TOPICS.SealBound]);
      // Another organisation's writer cannot touch it even with the right version.
      assert.equal(await repository.updateSeal({ ...bound.seal, organisationId: randomUUID() }, 2, []), false);
    });

    it("keeps one seal per device in an organisation, refusing the second without any change", async () => {
      const org = randomUUID();
      const first = newSeal(org);
      const second = newSeal(org);
      await repository.createSeal(first);
      await repository.createSeal(second);
      const a = bindDevice(first, "dev-shared", "admin", now());
      assert.equal(await repository.updateSeal(a.seal, 1, a.events), true);
      const start = (await subject.outboxTopics()).length;
      const b = bindDevice(second, "dev-shared", "admin", now());
      await assert.rejects(repository.updateSeal(b.seal, 1, b.events), (e: unknown) => isYunxiError(e, "AlreadyExists"));
      assert.deepEqual(await repository.findSeal(org, second.id), second);
      assert.deepEqual(await newTopics(start), []);
      // After unbinding the first, the device is free.
      const freed = bindDevice(a.seal, undefined, "admin", now());
      assert.equal(await repository.updateSeal(freed.seal, 2, freed.events), true);
      assert.equal(await repository.updateSeal(b.seal, 1, b.events), true);
      // The same device id in another organisation is that organisation's business.
      const other = newSeal(randomUUID());
      await repository.createSeal(other);
      const c = bindDevice(other, "dev-shared", "admin", now());
      assert.equal(await repository.updateSeal(c.seal, 1, c.events), true);
    });

    it("round-trips an application through submission and decision, steps and decisions included", async () => {
      const seal = newSeal(randomUUID());
      await repository.createSeal(seal);
      const draft = newApplication(seal);
      await repository.createApplication(draft, []);
      assert.deepEqual(await repository.findApplication(seal.organisationId, draft.id), draft);
      assert.equal(await repository.findApplication(randomUUID(), draft.id), undefined);
      const start = (await subject.outboxTopics()).length;
      const submitted = submit(draft, "alice", now(), randomUUID);
      assert.equal(await repository.saveApplication(submitted.application, draft.version, submitted.events), true);
      assert.deepEqual(await repository.findApplication(seal.organisationId, draft.id), submitted.application);
      const rejected = decide(submitted.application, { outcome: "REJECTED", actorUserId: "bob", comment: "wrong page", holdingDeviceId: undefined }, now());
      assert.equal(await repository.saveApplication(rejected.application, submitted.application.version, rejected.events, { sealId: seal.id, version: 1 }), true);
      const resubmitted = submit(rejected.application, "alice", now(), randomUUID);
      assert.equal(await repository.saveApplication(resubmitted.application, rejected.application.version, resubmitted.events), true);
      assert.deepEqual(await repository.findApplication(seal.organisationId, draft.id), resubmitted.application);
      assert.deepEqual(await newTopics(start), [APPROVAL_TOPICS.ApplicationSubmitted, APPROVAL_TOPICS.ApplicationRejected, APPROVAL_TOPICS.ApplicationSubmitted]);
    });

    it("stores nothing for a stale version or a seal that changed since it was read", async () => {
      const seal = newSeal(randomUUID());
      await repository.createSeal(seal);
      const draft = newApplication(seal);
      await repository.createApplication(draft, []);
      const submitted = submit(draft, "alice", now(), randomUUID);
      await repository.saveApplication(submitted.application, 1, submitted.events);
      const start = (await subject.outboxTopics()).length;
      const approved = decide(submitted.application, { outcome: "APPROVED", actorUserId: "bob", comment: "", holdingDeviceId: undefined }, now());
      assert.equal(await repository.saveApplication(approved.application, 1, approved.events), false);
      const bound = bindDevice(seal, "dev-guard", "admin", now());
      await repository.updateSeal(bound.seal, 1, bound.events);
      assert.equal(await repository.saveApplication(approved.application, 2, approved.events, { sealId: seal.id, version: 1 }), false);
      assert.deepEqual(await repository.findApplication(seal.organisationId, draft.id), submitted.application);
      assert.deepEqual(await newTopics(start), [APPROVAL_TOPICS.SealBound]);
    });

    it("lets exactly one of concurrent writers from the same version win", async () => {
      const seal = newSeal(randomUUID());
      await repository.createSeal(seal);
      const draft = newApplication(seal);
      await repository.createApplication(draft, []);
      const submitted = submit(draft, "alice", now(), randomUUID);
      await repository.saveApplication(submitted.application, 1, submitted.events);
      const start = (await subject.outboxTopics()).length;
      const attempts = ["bob", "carol", "dave", "erin"].map((actor, i) =>
        decide(submitted.application, { outcome: i % 2 ? "REJECTED" : "APPROVED", actorUserId: actor, comment: "c", holdingDeviceId: undefined }, now()),
      );
      const results = await Promise.all(attempts.map((t) => repository.saveApplication(t.application, 2, t.events, { sealId: seal.id, version: 1 })));
      assert.equal(results.filter(Boolean).length, 1);
      const winner = attempts[results.indexOf(true)]!;
      assert.deepEqual(await repository.findApplication(seal.organisationId, draft.id), winner.application);
      assert.equal((await newTopics(start)).length, 1);
    });

    it("lists an organisation's applications newest first, filtered by applicant and state", async () => {
      const seal = newSeal(randomUUID());
      await repository.createSeal(seal);
      const t = now().getTime();
      const older = newApplication(seal, "alice", new Date(t - 2000));
      const newer = newApplication(seal, "bob", new Date(t - 1000));
      await repository.createApplication(older, []);
      await repository.createApplication(newer, []);
      const submitted = submit(newer, "bob", now(), randomUUID);
      await repository.saveApplication(submitted.application, 1, submitted.events);
      assert.deepEqual((await repository.listApplications(seal.organisationId, {})).map((a) => a.id), [newer.id, older.id]);
      assert.deepEqual((await repository.listApplications(seal.organisationId, { applicantUserId: "alice" })).map((a) => a.id), [older.id]);
      assert.deepEqual((await repository.listApplications(seal.organisationId, { state: "SUBMITTED" })).map((a) => a.id), [newer.id]);
      assert.deepEqual(await repository.listApplications(randomUUID(), {}), []);
    });
  });
}
