import type protobuf from "protobufjs";
import { decodeEvent, isYunxiError, type DeliveredMessage, type EventBus, type Logger, type Subscription } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { ApprovalOutcome, DeviceControl } from "../../app/device-control-service.js";

/** The consumer group that turns approvals into device authorisations. */
export const AUTHORISATIONS_GROUP = "device-control.authorisations";
export const APPLICATION_APPROVED_TOPIC = "yunxi.approval.v1.application-approved";

/**
 * `yunxi.approval.v1.ApplicationApproved`, read from approval's events.proto in `@yunxi/proto`: a service
 * may read another service's contract, never import its code.
 */
export function applicationApprovedType(): protobuf.Type {
  return protoMessageType("yunxi/approval/v1/events.proto", "yunxi.approval.v1.ApplicationApproved");
}

/** The fields of `ApplicationApproved` device-control uses (decoded with defaults, so all present). */
interface ApplicationApprovedPayload {
  readonly applicationId: string;
  readonly organisationId: string;
  readonly deviceId: string;
  readonly applicantUserId: string;
  readonly impressionCount: number;
  /** RFC 3339. */
  readonly approvedAt: string;
}

export interface ApprovalConsumerOptions {
  readonly service: Pick<DeviceControl, "authoriseApprovedApplication">;
  /** How long each authorisation stays valid (`DEVICE_CONTROL_AUTHORISATION_TTL_SECONDS`). */
  readonly ttlSeconds: number;
  readonly logger: Logger;
}

/**
 * The bus handler: one `ApplicationApproved` → at most one authorisation (or one refusal alarm), however
 * often the event is delivered. Errors other than a malformed event propagate, so the bus redelivers.
 */
export function approvalHandler(options: ApprovalConsumerOptions): (message: DeliveredMessage) => Promise<ApprovalOutcome | undefined> {
  const { service, ttlSeconds, logger } = options;
  const type = applicationApprovedType();
  return async (message) => {
    let decoded;
    try {
      decoded = decodeEvent<ApplicationApprovedPayload>(message, type);
    } catch (error) {
      if (!isYunxiError(error, "InvalidArgument")) throw error;
      // Redelivery cannot mend a malformed event, and retrying would block its partition for good.
      logger.error({ topic: message.topic, position: message.position, violations: error.violations }, "approval event does not decode; not processed");
      return undefined;
    }
    const { metadata, payload } = decoded;
    const context = { eventId: metadata.eventId, applicationId: payload.applicationId };
    if (!payload.deviceId) {
      // An electronic seal has no device: nothing to unlock.
      logger.info(context, "approval without a device; no authorisation needed");
      return undefined;
    }
    // The envelope's organisation is the tenant the event was published for; a payload naming another is
    // not trusted to pick the devices it may unlock.
    if (payload.organisationId !== metadata.organisationId) {
      logger.error({ ...context, organisationId: metadata.organisationId }, "approval event names two organisations; not processed");
      return undefined;
    }
    const approvedAt = new Date(payload.approvedAt);
    const outcome = await service.authoriseApprovedApplication(
      {
        organisationId: metadata.organisationId,
        applicationId: payload.applicationId,
        deviceId: payload.deviceId,
        applicantUserId: payload.applicantUserId,
        impressions: payload.impressionCount,
        ttlSeconds,
        ...(Number.isNaN(approvedAt.getTime()) ? {} : { approvedAt }),
      },
      { consumerGroup: AUTHORISATIONS_GROUP, eventId: metadata.eventId },
    );
    if (outcome.outcome === "already-handled") logger.info(context, "approval event delivered again; nothing issued");
    return outcome;
  };
}

/** Subscribes device-control to approvals (group `device-control.authorisations`, from the beginning). */
export function subscribeApprovals(bus: EventBus, options: ApprovalConsumerOptions): Promise<Subscription> {
  const handle = approvalHandler(options);
  return bus.subscribe({
    groupId: AUTHORISATIONS_GROUP,
    topics: [APPLICATION_APPROVED_TOPIC],
    fromBeginning: true,
    handle: async (message) => void (await handle(message)),
  });
}
