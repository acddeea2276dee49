/** A document the applicant uploaded (the media service owns the bytes). */
export interface DocumentRef {
  readonly objectKey: string;
  /** 64 lower-case hex digits. */
  readonly sha256: string;
  readonly contentType: string;
}

interface ApplicationFacts {
  readonly applicationId: string;
  readonly organisationId: string;
  readonly sealId: string;
  readonly applicantUserId: string;
  readonly revision: number;
  readonly occurredAt: Date;
}

interface SealFacts {
  readonly sealId: string;
  readonly organisationId: string;
  readonly deviceId: string;
  readonly actorUserId: string;
  readonly occurredAt: Date;
}

/**
 * Facts the approval service announces. The events adapter turns them into protobuf messages of
 * proto/yunxi/approval/v1/events.proto; the repository stores them with the change (transactional outbox).
 */
export type ApprovalEvent =
  | (ApplicationFacts & { readonly type: "ApplicationSubmitted"; readonly impressionCount: number; readonly documents: readonly DocumentRef[] })
  | (ApplicationFacts & {
      readonly type: "ApplicationApproved";
      readonly impressionCount: number;
      readonly documents: readonly DocumentRef[];
      /** The device holding the seal at approval time; undefined for an electronic seal. */
      readonly deviceId: string | undefined;
      readonly approvedBy: string;
    })
  | (ApplicationFacts & { readonly type: "ApplicationRejected"; readonly rejectedBy: string })
  | (ApplicationFacts & { readonly type: "ApplicationWithdrawn" })
  | SealEvent;

/** A physical seal's binding changed. */
export type SealEvent = (SealFacts & { readonly type: "SealBound" }) | (SealFacts & { readonly type: "SealUnbound" });
