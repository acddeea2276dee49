import type protobuf from "protobufjs";
import { encodeEvent, type BusMessage } from "@yunxi/platform";
import { protoMessageType } from "@yunxi/proto";
import type { VerificationAnnouncement } from "../../app/ports.js";

export const PHOTO_VERIFIED_TOPIC = "yunxi.ocr-verification.v1.photo-verified";
export const VERIFICATION_ALARM_TOPIC = "yunxi.ocr-verification.v1.alarm";
export const VERDICT_REVIEWED_TOPIC = "yunxi.ocr-verification.v1.verdict-reviewed";

/** Announcement kind per topic. */
export const TOPIC_KINDS: Readonly<Record<string, VerificationAnnouncement["kind"]>> = Object.freeze({
  [PHOTO_VERIFIED_TOPIC]: "photo-verified",
  [VERIFICATION_ALARM_TOPIC]: "alarm",
  [VERDICT_REVIEWED_TOPIC]: "verdict-reviewed",
});

/** A message type of proto/yunxi/ocr_verification/v1/events.proto, e.g. "PhotoVerified". */
export function typeOf(name: "PhotoVerified" | "VerificationAlarm" | "VerdictReviewed"): protobuf.Type {
  return protoMessageType("yunxi/ocr_verification/v1/events.proto", `yunxi.ocr_verification.v1.${name}`);
}

/**
 * Encodes what a stored verdict announces as bus messages (proto/yunxi/ocr_verification/v1/events.proto),
 * keyed by application id. Payloads carry verdicts and counts, never document text.
 */
export function announcementMessages(announcements: readonly VerificationAnnouncement[]): BusMessage[] {
  return announcements.map((a) => {
    const r = a.result;
    const common = { organisationId: r.organisationId, aggregateId: r.applicationId };
    const photo = r.photo ? { mediaId: r.photo.mediaId, deviceId: r.photo.deviceId, impressionSequence: r.photo.impressionSequence } : {};
    switch (a.kind) {
      case "photo-verified":
        return encodeEvent({
          ...common,
          topic: PHOTO_VERIFIED_TOPIC,
          type: typeOf("PhotoVerified"),
          occurredAt: r.createdAt,
          payload: {
            verificationId: r.verificationId,
            applicationId: r.applicationId,
            organisationId: r.organisationId,
            impressionId: r.impressionId,
            verdict: r.outcome.verdict,
            similarity: r.outcome.similarity,
            page: r.outcome.page ?? 0,
            changedClauses: r.outcome.changedClauses.length,
            digitMismatches: r.outcome.digitMismatches.length,
            engine: r.engine,
            thresholdProfile: r.profile,
            occurredAt: r.createdAt,
            ...photo,
          },
        });
      case "alarm":
        return encodeEvent({
          ...common,
          topic: VERIFICATION_ALARM_TOPIC,
          type: typeOf("VerificationAlarm"),
          occurredAt: r.createdAt,
          payload: { verificationId: r.verificationId, applicationId: r.applicationId, organisationId: r.organisationId, impressionId: r.impressionId, verdict: a.verdict, occurredAt: r.createdAt, ...photo },
        });
      case "verdict-reviewed": {
        const review = r.reviews.at(-1);
        const at = review?.at ?? new Date().toISOString();
        return encodeEvent({
          ...common,
          topic: VERDICT_REVIEWED_TOPIC,
          type: typeOf("VerdictReviewed"),
          occurredAt: at,
          payload: {
            verificationId: r.verificationId,
            applicationId: r.applicationId,
            organisationId: r.organisationId,
            reviewerId: review?.reviewerId ?? "",
            decision: review?.decision ?? "",
            previousVerdict: a.previous,
            verdict: r.finalVerdict,
            occurredAt: at,
          },
        });
      }
    }
  });
}
