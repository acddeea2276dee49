import type protobuf from "protobufjs";
import { decodeEvent, isYunxiError, type DeliveredMessage, type EventBus, type Logger, type Subscription } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { AutomaticVerification } from "../../app/automatic-verification.js";

export const APPLICATION_SUBMITTED_TOPIC = "yunxi.approval.v1.application-submitted";
export const MEDIA_STORED_TOPIC = "yunxi.media.v1.media-stored";
/** Consumer group registering originals from submitted applications. */
export const ORIGINALS_GROUP = "ocr-verification.originals";
/** Consumer group verifying stored impression photos. */
export const PHOTOS_GROUP = "ocr-verification.photos";

// Another service's contract is read from @yunxi/proto, never imported from its code.
export const applicationSubmittedType = () => protoMessageType("yunxi/approval/v1/events.proto", "yunxi.approval.v1.ApplicationSubmitted");
export const mediaStoredType = () => protoMessageType("yunxi/media/v1/events.proto", "yunxi.media.v1.MediaStored");

interface ApplicationSubmittedPayload {
  readonly applicationId: string;
  readonly organisationId: string;
  readonly applicantUserId: string;
  readonly documents: readonly { objectKey: string; sha256: string; contentType: string }[];
}

interface MediaStoredPayload {
  readonly mediaId: string;
  readonly organisationId: string;
  readonly kind: string;
  readonly sha256: string;
  readonly ownerDeviceId: string;
  readonly applicationId: string;
  /** uint64, decoded as a string. */
  readonly impressionSequence: string;
}

/** Decodes, or logs and returns undefined: redelivery cannot mend a malformed event, and retrying would block its partition. */
function decodeOrSkip<Payload>(message: DeliveredMessage, type: protobuf.Type, logger: Logger) {
  try {
    return decodeEvent<Payload>(message, type);
  } catch (error) {
    if (!isYunxiError(error, "InvalidArgument")) throw error;
    logger.error({ topic: message.topic, position: message.position, violations: error.violations }, "event does not decode; not processed");
    return undefined;
  }
}

/**
 * ApplicationSubmitted → the application's original (or the reason it has none). The envelope's
 * organisation is the tenant the event was published for; a payload naming another is not trusted.
 */
export function applicationSubmittedHandler(flow: Pick<AutomaticVerification, "registerSubmitted">, logger: Logger): (message: DeliveredMessage) => Promise<void> {
  const type = applicationSubmittedType();
  return async (message) => {
    const decoded = decodeOrSkip<ApplicationSubmittedPayload>(message, type, logger);
    if (!decoded) return;
    const { metadata, payload } = decoded;
    if (payload.organisationId !== metadata.organisationId) {
      logger.error({ eventId: metadata.eventId, applicationId: payload.applicationId }, "application event names two organisations; not processed");
      return;
    }
    const outcome = await flow.registerSubmitted({
      eventId: metadata.eventId,
      applicationId: payload.applicationId,
      organisationId: metadata.organisationId,
      applicantUserId: payload.applicantUserId,
      documents: payload.documents,
    });
    if (outcome === "already-handled") logger.info({ eventId: metadata.eventId, applicationId: payload.applicationId }, "application event delivered again; original kept");
  };
}

/** MediaStored of an impression photo (kind photo, with application and device) → one verdict. Other media are not for OCR. */
export function mediaStoredHandler(flow: Pick<AutomaticVerification, "verifyStoredPhoto">, logger: Logger): (message: DeliveredMessage) => Promise<void> {
  const type = mediaStoredType();
  return async (message) => {
    const decoded = decodeOrSkip<MediaStoredPayload>(message, type, logger);
    if (!decoded) return;
    const { metadata, payload } = decoded;
    if (payload.kind !== "photo" || !payload.applicationId || !payload.ownerDeviceId) return;
    if (payload.organisationId !== metadata.organisationId) {
      logger.error({ eventId: metadata.eventId, mediaId: payload.mediaId }, "media event names two organisations; not processed");
      return;
    }
    const outcome = await flow.verifyStoredPhoto({
      mediaId: payload.mediaId,
      organisationId: metadata.organisationId,
      applicationId: payload.applicationId,
      deviceId: payload.ownerDeviceId,
      impressionSequence: Number(payload.impressionSequence),
      sha256: payload.sha256,
    });
    if (outcome.kind === "ignored") logger.error({ eventId: metadata.eventId, mediaId: payload.mediaId, reason: outcome.reason }, "impression photo not verifiable; no verdict");
  };
}

/** Subscribes both consumers, from the beginning of each topic; close the result to stop. */
export async function subscribeAutomaticVerification(bus: EventBus, flow: AutomaticVerification, logger: Logger): Promise<Subscription> {
  const originals = await bus.subscribe({ groupId: ORIGINALS_GROUP, topics: [APPLICATION_SUBMITTED_TOPIC], fromBeginning: true, handle: applicationSubmittedHandler(flow, logger) });
  try {
    const photos = await bus.subscribe({ groupId: PHOTOS_GROUP, topics: [MEDIA_STORED_TOPIC], fromBeginning: true, handle: mediaStoredHandler(flow, logger) });
    return {
      async close() {
        await photos.close();
        await originals.close();
      },
    };
  } catch (error) {
    await originals.close();
    throw error;
  }
}
