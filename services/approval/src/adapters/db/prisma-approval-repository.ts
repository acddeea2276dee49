import { alreadyExists, appendToOutbox, sqlExecutorFromPrisma } from "@yunxi/platform";
import type { ApprovalEvent, ApprovalRepository, SealGuard } from "../../app/ports.js";
import type { Application, ApplicationState, ApprovalStep, Decision, DocumentRef } from "../../domain/application.js";
import type { Seal, SealMaterial, SealSizeMm, SealType } from "../../domain/seal.js";
import { toBusMessage } from "../events/approval-events.js";
import { Prisma, type PrismaClient } from "../../generated/prisma/client.js";

type Tx = Prisma.TransactionClient;

const WITH_STEPS = {
  steps: { include: { decisions: { orderBy: { decidedAt: "asc" } } }, orderBy: [{ revision: "asc" }, { position: "asc" }] },
} satisfies Prisma.ApplicationInclude;
type SealRow = Prisma.SealGetPayload<object>;
type ApplicationRow = Prisma.ApplicationGetPayload<{ include: typeof WITH_STEPS }>;

function toSeal(row: SealRow): Seal {
  const details: Seal["details"] =
    row.kind === "physical"
      ? { kind: "physical", sealType: row.sealType as SealType, sizeMm: row.sizeMm as SealSizeMm, material: row.material as SealMaterial, deviceId: row.deviceId ?? undefined }
      : { kind: "electronic", imageObjectKey: row.imageObjectKey ?? "", certificateRef: row.certificateRef ?? "" };
  return { id: row.id, organisationId: row.organisationId, name: row.name, details, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function sealColumns(seal: Seal) {
  const d = seal.details;
  return {
    name: seal.name,
    kind: d.kind,
    sealType: d.kind === "physical" ? d.sealType : null,
    sizeMm: d.kind === "physical" ? d.sizeMm : null,
    material: d.kind === "physical" ? d.material : null,
    deviceId: d.kind === "physical" ? (d.deviceId ?? null) : null,
    imageObjectKey: d.kind === "electronic" ? d.imageObjectKey : null,
    certificateRef: d.kind === "electronic" ? d.certificateRef : null,
    version: seal.version,
    updatedAt: seal.updatedAt,
  };
}

function toApplication(row: ApplicationRow): Application {
  return {
    id: row.id,
    organisationId: row.organisationId,
    sealId: row.sealId,
    applicantUserId: row.applicantUserId,
    title: row.title,
    description: row.description,
    documents: row.documents as unknown as DocumentRef[],
    impressionCount: row.impressionCount,
    state: row.state as ApplicationState,
    revision: row.revision,
    version: row.version,
    approvedDeviceId: row.approvedDeviceId ?? undefined,
    steps: row.steps.map(
      (s): ApprovalStep => ({
        id: s.id,
        revision: s.revision,
        position: s.position,
        mode: s.mode as ApprovalStep["mode"],
        permission: s.permission as ApprovalStep["permission"],
        state: s.state as ApprovalStep["state"],
        decisions: s.decisions.map((d): Decision => ({ outcome: d.outcome as Decision["outcome"], decidedBy: d.decidedBy, comment: d.comment, decidedAt: d.decidedAt })),
      }),
    ),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

const isUniqueViolation = (error: unknown): boolean => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The approval repository on Prisma (PostgreSQL or embedded PGlite, schema `approval`). */
export class PrismaApprovalRepository implements ApprovalRepository {
  /** `afterEventsCommitted` runs after a transaction that appended events commits (e.g. `relay.nudge()`). */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly afterEventsCommitted: () => void = () => undefined,
  ) {}

  async #outbox(tx: Tx, events: readonly ApprovalEvent[]): Promise<void> {
    if (events.length > 0) await appendToOutbox(sqlExecutorFromPrisma(tx), events.map(toBusMessage));
  }

  async createSeal(seal: Seal): Promise<void> {
    try {
      await this.prisma.seal.create({ data: { id: seal.id, organisationId: seal.organisationId, createdAt: seal.createdAt, ...sealColumns(seal) } });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists("seal exists", { cause: error });
      throw error;
    }
  }

  async findSeal(organisationId: string, id: string): Promise<Seal | undefined> {
    const row = await this.prisma.seal.findFirst({ where: { organisationId, id } });
    return row ? toSeal(row) : undefined;
  }

  async listSeals(organisationId: string): Promise<Seal[]> {
    return (await this.prisma.seal.findMany({ where: { organisationId }, orderBy: [{ name: "asc" }, { id: "asc" }] })).map(toSeal);
  }

  async updateSeal(seal: Seal, expectedVersion: number, events: readonly ApprovalEvent[]): Promise<boolean> {
    let stored = false;
    try {
      stored = await this.prisma.$transaction(async (tx) => {
        const { count } = await tx.seal.updateMany({ where: { id: seal.id, organisationId: seal.organisationId, version: expectedVersion }, data: sealColumns(seal) });
        if (count === 0) return false;
        await this.#outbox(tx, events);
        return true;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw alreadyExists("the device already holds another seal; unbind that seal first", { cause: error });
      throw error;
    }
    if (stored && events.length > 0) this.afterEventsCommitted();
    return stored;
  }

  async createApplication(application: Application, events: readonly ApprovalEvent[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      await tx.application.create({
        data: {
          id: application.id,
          organisationId: application.organisationId,
          sealId: application.sealId,
          applicantUserId: application.applicantUserId,
          title: application.title,
          description: application.description,
          documents: application.documents.map((d) => ({ objectKey: d.objectKey, sha256: d.sha256, contentType: d.contentType })),
          impressionCount: application.impressionCount,
          state: application.state,
          revision: application.revision,
          version: application.version,
          approvedDeviceId: application.approvedDeviceId ?? null,
          createdAt: application.createdAt,
          updatedAt: application.updatedAt,
        },
      });
      await this.#writeSteps(tx, application);
      await this.#outbox(tx, events);
    });
    if (events.length > 0) this.afterEventsCommitted();
  }

  async findApplication(organisationId: string, id: string): Promise<Application | undefined> {
    const row = await this.prisma.application.findFirst({ where: { organisationId, id }, include: WITH_STEPS });
    return row ? toApplication(row) : undefined;
  }

  async listApplications(organisationId: string, filter: { readonly applicantUserId?: string; readonly state?: ApplicationState }): Promise<Application[]> {
    const rows = await this.prisma.application.findMany({
      where: { organisationId, ...(filter.applicantUserId === undefined ? {} : { applicantUserId: filter.applicantUserId }), ...(filter.state === undefined ? {} : { state: filter.state }) },
      include: WITH_STEPS,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return rows.map(toApplication);
  }

  async saveApplication(application: Application, expectedVersion: number, events: readonly ApprovalEvent[], sealGuard?: SealGuard): Promise<boolean> {
    const stored = await this.prisma.$transaction(async (tx) => {
      if (sealGuard) {
        // FOR SHARE: a concurrent rebind waits for this transaction, so the device we announce is the holder at commit.
        const seal = await tx.$queryRaw<{ version: number }[]>`SELECT version FROM seal WHERE id = ${sealGuard.sealId}::uuid AND organisation_id = ${application.organisationId}::uuid FOR SHARE`;
        if (seal[0]?.version !== sealGuard.version) return false;
      }
      // The version check makes concurrent writers race on one row: PostgreSQL re-evaluates the WHERE after
      // the first commits, so the second matches nothing and stores nothing.
      const { count } = await tx.application.updateMany({
        where: { id: application.id, organisationId: application.organisationId, version: expectedVersion },
        data: { state: application.state, revision: application.revision, version: application.version, approvedDeviceId: application.approvedDeviceId ?? null, updatedAt: application.updatedAt },
      });
      if (count === 0) return false;
      await this.#writeSteps(tx, application);
      await this.#outbox(tx, events);
      return true;
    });
    if (stored && events.length > 0) this.afterEventsCommitted();
    return stored;
  }

  /** Upserts steps (their state changes) and inserts decisions not stored yet (decisions never change). */
  async #writeSteps(tx: Tx, application: Application): Promise<void> {
    for (const step of application.steps) {
      await tx.approvalStep.upsert({
        where: { id: step.id },
        create: { id: step.id, applicationId: application.id, revision: step.revision, position: step.position, mode: step.mode, permission: step.permission, state: step.state },
        update: { state: step.state },
      });
      if (step.decisions.length > 0) {
        await tx.approvalDecision.createMany({
          data: step.decisions.map((d) => ({ stepId: step.id, decidedBy: d.decidedBy, outcome: d.outcome, comment: d.comment, decidedAt: d.decidedAt })),
          skipDuplicates: true,
        });
      }
    }
  }
}
