import type protobuf from "protobufjs";
import { encodeEvent, type BusMessage } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { MediaEvent } from "../../app/ports.js";

export const MEDIA_TOPICS = Object.freeze({
  MediaStored: "yunxi.media.v1.media-stored",
  MediaAccessed: "yunxi.media.v1.media-accessed",
});

/** A message type of proto/yunxi/media/v1/events.proto. */
export function mediaEventType(name: MediaEvent["type"]): protobuf.Type {
  return protoMessageType("yunxi/media/v1/events.proto", `yunxi.media.v1.${name}`);
}

/** The bus message for an event; the key is the media id, so an item's accesses follow its storage. */
export function toBusMessage(event: MediaEvent): BusMessage {
  if (event.type === "MediaStored") {
    const { item } = event;
    return encodeEvent({
      topic: MEDIA_TOPICS.MediaStored,
      type: mediaEventType("MediaStored"),
      payload: {
        mediaId: item.id,
        organisationId: item.organisationId,
        kind: item.kind,
        contentType: item.contentType,
        size: item.size,
        sha256: item.sha256,
        ownerDeviceId: item.owner.deviceId ?? "",
        ownerUserId: item.owner.userId ?? "",
        applicationId: item.applicationId ?? "",
        impressionSequence: item.impressionSequence ?? 0,
        keyName: item.keyName,
        keyVersion: item.keyVersion,
        storedBy: item.storedBy,
        occurredAt: item.createdAt.toISOString(),
      },
      organisationId: item.organisationId,
      aggregateId: item.id,
      occurredAt: item.createdAt,
    });
  }
  const { access } = event;
  return encodeEvent({
    topic: MEDIA_TOPICS.MediaAccessed,
    type: mediaEventType("MediaAccessed"),
    payload: {
      accessId: access.id,
      mediaId: access.mediaId,
      organisationId: access.organisationId,
      accessedBy: access.accessedBy,
      purpose: access.purpose,
      occurredAt: access.accessedAt.toISOString(),
    },
    organisationId: access.organisationId,
    aggregateId: access.mediaId,
    occurredAt: access.accessedAt,
  });
}
