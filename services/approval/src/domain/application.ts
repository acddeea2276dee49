import { failedPrecondition, invalidArgument, permissionDenied, type FieldViolation } from "@yunxi/platform";
import type { ApprovalEvent, DocumentRef } from "./events.js";
import { objectKeyViolation } from "./seal.js";

export type { DocumentRef } from "./events.js";

export const APPLICATION_STATES = ["DRAFT", "SUBMITTED", "APPROVED", "REJECTED", "WITHDRAWN"] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const DOCUMENT_CONTENT_TYPES = ["application/pdf", "image/png", "image/jpeg", "image/tiff", "image/webp"] as const;

/** One approver's decision on one step. */
export interface Decision {
  readonly outcome: "APPROVED" | "REJECTED";
  readonly decidedBy: string;
  readonly comment: string;
  readonly decidedAt: Date;
}

/**
 * One step of an application's flow for one revision. Steps of a revision run in `position` order.
 * `ANY_OF`: the first approval by a holder of `permission` completes the step. `ALL_OF` (several named
 * approvers, each must approve) is reserved: the data model carries the mode, the rules below do not
 * produce it yet.
 */
export interface ApprovalStep {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
  readonly mode: "ANY_OF" | "ALL_OF";
  readonly permission: "application.decide";
  readonly state: "PENDING" | "APPROVED" | "REJECTED";
  readonly decisions: readonly Decision[];
}

/** A stamp application and its approval flow. */
export interface Application {
  readonly id: string;
  readonly organisationId: string;
  readonly sealId: string;
  readonly applicantUserId: string;
  readonly title: string;
  readonly description: string;
  readonly documents: readonly DocumentRef[];
  readonly impressionCount: number;
  readonly state: ApplicationState;
  /** 1 until the first resubmission; each resubmission after a rejection adds one. */
  readonly revision: number;
  /** Increases with every change; writes check it, so of two concurrent changes one wins. */
  readonly version: number;
  /** The device that held the seal when the application was approved. */
  readonly approvedDeviceId: string | undefined;
  /** Every revision's steps, oldest first. */
  readonly steps: readonly ApprovalStep[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An application as received: unchecked. */
export interface NewApplicationInput {
  readonly sealId: string;
  readonly title: string;
  readonly description: string;
  readonly documents: readonly { readonly objectKey: string; readonly sha256: string; readonly contentType: string }[];
  readonly impressionCount: number;
}

/** The outcome of a transition: the next state of the application and what to announce. */
export interface Transition {
  readonly application: Application;
  readonly events: readonly ApprovalEvent[];
}

export const TITLE_MAX = 200;
export const DESCRIPTION_MAX = 2000;
export const DOCUMENTS_MAX = 20;
export const IMPRESSIONS_MAX = 1000;
export const COMMENT_MAX = 1000;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256 = /^[0-9a-f]{64}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_EXCEPT_NEWLINES = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;

/** Checks every field of a new application and reports all problems at once (InvalidArgument). */
export function validateNewApplication(input: NewApplicationInput): NewApplicationInput {
  const violations: FieldViolation[] = [];
  if (!UUID.test(input.sealId)) violations.push({ field: "seal_id", message: "a seal id (UUID) is required" });
  const title = input.title.trim();
  if (title.length === 0 || title.length > TITLE_MAX || /[\r\n]/.test(title) || CONTROL_EXCEPT_NEWLINES.test(title)) {
    violations.push({ field: "title", message: `1-${TITLE_MAX} characters on one line` });
  }
  if (input.description.length > DESCRIPTION_MAX || CONTROL_EXCEPT_NEWLINES.test(input.description)) {
    violations.push({ field: "description", message: `at most ${DESCRIPTION_MAX} characters` });
  }
  if (input.documents.length === 0 || input.documents.length > DOCUMENTS_MAX) {
    violations.push({ field: "documents", message: `1-${DOCUMENTS_MAX} documents` });
  }
  input.documents.forEach((document, i) => {
    const key = objectKeyViolation(document.objectKey, `documents[${i}].object_key`);
    if (key) violations.push(key);
    if (!SHA256.test(document.sha256)) violations.push({ field: `documents[${i}].sha256`, message: "64 lower-case hex digits" });
    if (!(DOCUMENT_CONTENT_TYPES as readonly string[]).includes(document.contentType)) {
      violations.push({ field: `documents[${i}].content_type`, message: `one of ${DOCUMENT_CONTENT_TYPES.join(", ")}` });
    }
  });
  const keys = input.documents.map((d) => d.objectKey);
  if (new Set(keys).size !== keys.length) violations.push({ field: "documents", message: "each document once" });
  if (!Number.isInteger(input.impressionCount) || input.impressionCount < 1 || input.impressionCount > IMPRESSIONS_MAX) {
    violations.push({ field: "impression_count", message: `a whole number from 1 to ${IMPRESSIONS_MAX}` });
  }
  if (violations.length > 0) throw invalidArgument("invalid application", { violations });
  return { ...input, title, documents: input.documents.map((d) => ({ objectKey: d.objectKey, sha256: d.sha256, contentType: d.contentType })) };
}

/** A new DRAFT application from checked input. */
export function draftApplication(input: NewApplicationInput, ids: { id: string; organisationId: string; applicantUserId: string }, now: Date): Application {
  return {
    ...ids,
    sealId: input.sealId,
    title: input.title,
    description: input.description,
    documents: input.documents,
    impressionCount: input.impressionCount,
    state: "DRAFT",
    revision: 1,
    version: 1,
    approvedDeviceId: undefined,
    steps: [],
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The flow every application follows today: one step any approver of the organisation may complete.
 * Sequential steps or ALL_OF steps are a different list here (e.g. per seal type), not a new data model.
 */
export function defaultFlow(): readonly Pick<ApprovalStep, "mode" | "permission">[] {
  return [{ mode: "ANY_OF", permission: "application.decide" }];
}

function refuse(application: Application, action: string): never {
  throw failedPrecondition(`cannot ${action} an application that is ${application.state}`);
}

function requireApplicant(application: Application, actorUserId: string, action: string): void {
  if (application.applicantUserId !== actorUserId) throw permissionDenied(`only the applicant may ${action} an application`);
}

const facts = (a: Application, now: Date) => ({ applicationId: a.id, organisationId: a.organisationId, sealId: a.sealId, applicantUserId: a.applicantUserId, revision: a.revision, occurredAt: now });

/** DRAFT → SUBMITTED, or REJECTED → SUBMITTED as a new revision with fresh steps. Applicant only. */
export function submit(application: Application, actorUserId: string, now: Date, newStepId: () => string): Transition {
  requireApplicant(application, actorUserId, "submit");
  if (application.state !== "DRAFT" && application.state !== "REJECTED") refuse(application, "submit");
  const revision = application.state === "REJECTED" ? application.revision + 1 : application.revision;
  const steps = defaultFlow().map((template, i): ApprovalStep => ({ id: newStepId(), revision, position: i + 1, ...template, state: "PENDING", decisions: [] }));
  const next: Application = { ...application, state: "SUBMITTED", revision, version: application.version + 1, steps: [...application.steps, ...steps], updatedAt: now };
  return { application: next, events: [{ type: "ApplicationSubmitted", ...facts(next, now), impressionCount: next.impressionCount, documents: next.documents }] };
}

/** DRAFT or SUBMITTED → WITHDRAWN (final). Applicant only. */
export function withdraw(application: Application, actorUserId: string, now: Date): Transition {
  requireApplicant(application, actorUserId, "withdraw");
  if (application.state !== "DRAFT" && application.state !== "SUBMITTED") refuse(application, "withdraw");
  const next: Application = { ...application, state: "WITHDRAWN", version: application.version + 1, updatedAt: now };
  return { application: next, events: [{ type: "ApplicationWithdrawn", ...facts(next, now) }] };
}

/** The step awaiting a decision: the first pending step of the current revision. */
export function currentStep(application: Application): ApprovalStep | undefined {
  return application.steps.find((s) => s.revision === application.revision && s.state === "PENDING");
}

export interface DecisionInput {
  readonly outcome: "APPROVED" | "REJECTED";
  readonly actorUserId: string;
  readonly comment: string;
  /** Device holding the seal now (announced with the approval); undefined for an electronic seal. */
  readonly holdingDeviceId: string | undefined;
}

/**
 * Records a decision on the current step of a SUBMITTED application. The applicant never decides their
 * own application. A rejection ends the revision; an approval completing the last step approves the
 * application. The caller has already checked the actor holds the step's permission.
 */
export function decide(application: Application, input: DecisionInput, now: Date): Transition {
  if (application.applicantUserId === input.actorUserId) throw permissionDenied("an applicant may not decide their own application");
  const violations: FieldViolation[] = [];
  if (input.comment.length > COMMENT_MAX || CONTROL_EXCEPT_NEWLINES.test(input.comment)) violations.push({ field: "comment", message: `at most ${COMMENT_MAX} characters` });
  if (input.outcome === "REJECTED" && input.comment.trim().length === 0) violations.push({ field: "comment", message: "a reason is required when rejecting" });
  if (violations.length > 0) throw invalidArgument("invalid decision", { violations });
  const verb = input.outcome === "APPROVED" ? "approve" : "reject";
  if (application.state !== "SUBMITTED") refuse(application, verb);
  const step = currentStep(application);
  if (!step) refuse(application, verb);
  if (step.decisions.some((d) => d.decidedBy === input.actorUserId)) throw failedPrecondition("you have already decided this step");

  const decision: Decision = { outcome: input.outcome, decidedBy: input.actorUserId, comment: input.comment.trim(), decidedAt: now };
  // ANY_OF completes on the first decision; ALL_OF is not produced by defaultFlow yet.
  const decided: ApprovalStep = { ...step, state: input.outcome, decisions: [...step.decisions, decision] };
  const steps = application.steps.map((s) => (s.id === step.id ? decided : s));
  const base = { ...application, steps, version: application.version + 1, updatedAt: now };
  if (input.outcome === "REJECTED") {
    const next: Application = { ...base, state: "REJECTED" };
    return { application: next, events: [{ type: "ApplicationRejected", ...facts(next, now), rejectedBy: input.actorUserId }] };
  }
  const remaining = steps.some((s) => s.revision === application.revision && s.state === "PENDING");
  if (remaining) return { application: { ...base }, events: [] };
  const next: Application = { ...base, state: "APPROVED", approvedDeviceId: input.holdingDeviceId };
  return {
    application: next,
    events: [
      {
        type: "ApplicationApproved",
        ...facts(next, now),
        impressionCount: next.impressionCount,
        documents: next.documents,
        deviceId: input.holdingDeviceId,
        approvedBy: input.actorUserId,
      },
    ],
  };
}
