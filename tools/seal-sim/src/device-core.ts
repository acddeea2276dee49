import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { COMMAND_SIGNATURE_CONTEXT, decode, encode, protocolTypes } from "./protocol.js";

/** Everything a seal remembers across power loss (the simulator keeps it in a JSON file). */
export interface DeviceState {
  readonly deviceId: string;
  /** The sequence the next event gets; starts at 1. */
  nextSequence: number;
  /** Events not yet acknowledged by the platform, oldest first (encoded DeviceEvent, base64). */
  queue: { sequence: number; payload: string }[];
  /** Nonces (hex) of verified commands → command id and expiry (ms), kept until the command expires. */
  nonces: Record<string, { commandId: string; expiresAtMs: number }>;
  authorisation: { id: string; applicationId: string; userId: string; remaining: number; validUntilMs: number; uploadToken: string } | null;
  locked: boolean;
  unlockMode: string;
  /** Impression photos not yet accepted by the platform, oldest first (kept like events: across power loss). */
  photos: PendingPhoto[];
}

/** A photo waiting for upload: `PUT <platform>/api/v1/device-photos/{sequence}` with the authorisation's upload token. */
export interface PendingPhoto {
  sequence: number;
  sha256: string;
  contentType: string;
  /** base64 */
  data: string;
  uploadToken: string;
}

/** A page photo the camera took at the press. */
export interface Photo {
  readonly data: Uint8Array;
  readonly contentType: "image/jpeg" | "image/png" | "image/webp";
}

export function initialState(deviceId: string): DeviceState {
  return { deviceId, nextSequence: 1, queue: [], nonces: {}, authorisation: null, locked: true, unlockMode: "UNLOCK_MODE_REMOTE", photos: [] };
}

export type CommandOutcome =
  | { readonly status: "accepted" | "duplicate"; readonly commandId: string; readonly kind: string; readonly ack: Uint8Array }
  | { readonly status: "refused"; readonly commandId: string; readonly reason: string; readonly ack: Uint8Array }
  /** Not answered at all: the signature did not verify (or the message did not decode), so nothing in it is trusted. */
  | { readonly status: "dropped"; readonly reason: string };

export interface PressResult {
  readonly accepted: boolean;
  /** Sequences of the events the press produced (impression, locked, alarm). */
  readonly events: readonly number[];
  readonly reason?: string;
}

/**
 * Hash and base64 of each photo buffer, computed once: a fleet pressing with the same page photo then
 * shares one string instead of holding a copy per device (2000 devices × 2 presses × 147 KB would be
 * 590 MB). Weak, so a buffer nobody holds any more takes its entry with it. A photo's bytes are what the
 * camera took: callers do not change a buffer after pressing with it.
 */
const encodedPhotos = new WeakMap<Uint8Array, { sha256: string; base64: string }>();

function encodedPhoto(data: Uint8Array): { sha256: string; base64: string } {
  let encoded = encodedPhotos.get(data);
  if (!encoded) {
    encoded = { sha256: createHash("sha256").update(data).digest("hex"), base64: Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64") };
    encodedPhotos.set(data, encoded);
  }
  return encoded;
}

/** Commands may be issued slightly "in the future" by the device's clock. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Accepts a raw 32-byte Ed25519 key (base64 or bytes) or an SPKI PEM. */
export function platformKeyFrom(key: string | Uint8Array | KeyObject): KeyObject {
  if (typeof key === "string" && key.includes("BEGIN PUBLIC KEY")) return createPublicKey(key);
  if (typeof key !== "string" && !(key instanceof Uint8Array)) return key;
  const raw = typeof key === "string" ? Buffer.from(key.trim(), "base64") : Buffer.from(key);
  if (raw.length !== 32) throw new Error("the platform key must be 32 raw Ed25519 bytes (base64) or an SPKI PEM");
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
}

/**
 * The device side of protocol v1 without any I/O: verifies commands, keeps the authorisation and the
 * impression count, numbers events and queues them until acknowledged. `onChange` is called after every
 * state change (the simulator persists there).
 */
export class DeviceCore {
  readonly state: DeviceState;
  readonly #platformKey: KeyObject;
  readonly #now: () => number;
  readonly #onChange: (state: DeviceState) => void;

  constructor(options: { state: DeviceState; platformKey: string | Uint8Array | KeyObject; now?: () => number; onChange?: (state: DeviceState) => void }) {
    this.state = options.state;
    this.#platformKey = platformKeyFrom(options.platformKey);
    this.#now = options.now ?? Date.now;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  /** Verifies and applies one `SignedCommand`; returns what to answer (the CommandAck bytes) if anything. */
  receiveCommand(bytes: Uint8Array): CommandOutcome {
    const types = protocolTypes();
    let envelope: Record<string, unknown>;
    try {
      envelope = decode(types.SignedCommand, bytes);
    } catch {
      return { status: "dropped", reason: "malformed" };
    }
    const commandBytes = Buffer.from(String(envelope["command"] ?? ""), "base64");
    const signature = Buffer.from(String(envelope["signature"] ?? ""), "base64");
    const signed = Buffer.concat([Buffer.from(COMMAND_SIGNATURE_CONTEXT, "utf8"), commandBytes]);
    if (signature.length !== 64 || !verify(null, signed, this.#platformKey, signature)) return { status: "dropped", reason: "bad_signature" };
    let command: Record<string, unknown>;
    try {
      command = decode(types.Command, commandBytes);
    } catch {
      return { status: "dropped", reason: "malformed" };
    }
    const commandId = String(command["commandId"] ?? "");
    const refuse = (reason: string): CommandOutcome => ({ status: "refused", commandId, reason, ack: this.#ack(commandId, "COMMAND_STATUS_REFUSED", reason) });
    const now = this.#now();
    if (command["deviceId"] !== this.state.deviceId) return refuse("wrong_device");
    const expiresAtMs = Number(command["expiresAtMs"]);
    const issuedAtMs = Number(command["issuedAtMs"]);
    const nonce = Buffer.from(String(command["nonce"] ?? ""), "base64").toString("hex");
    if (nonce.length !== 32) return refuse("malformed");
    const seen = this.state.nonces[nonce];
    if (seen) {
      // The same command again (the platform re-sends until it hears an ack): answer, never apply twice.
      if (seen.commandId === commandId) return { status: "duplicate", commandId, kind: String(command["body"]), ack: this.#ack(commandId, "COMMAND_STATUS_DUPLICATE", "") };
      return refuse("replayed_nonce");
    }
    if (!(now < expiresAtMs)) return refuse("expired");
    if (issuedAtMs > now + CLOCK_SKEW_MS) return refuse("not_yet_valid");
    const kind = String(command["body"] ?? "");
    switch (kind) {
      case "authorise": {
        const a = command["authorise"] as Record<string, unknown>;
        const impressions = Number(a["impressions"]);
        if (!Number.isInteger(impressions) || impressions < 1) return refuse("malformed");
        this.state.authorisation = {
          id: String(a["authorisationId"]),
          applicationId: String(a["applicationId"]),
          userId: String(a["userId"]),
          remaining: impressions,
          validUntilMs: Math.min(Number(a["validUntilMs"]) || expiresAtMs, expiresAtMs),
          uploadToken: String(a["uploadToken"] ?? ""),
        };
        this.state.locked = false;
        break;
      }
      case "lock":
        this.#lock("LOCK_REASON_REMOTE");
        break;
      case "setUnlockMode":
        this.state.unlockMode = String((command["setUnlockMode"] as Record<string, unknown>)["mode"]);
        break;
      default:
        return refuse("unsupported");
    }
    this.state.nonces[nonce] = { commandId, expiresAtMs };
    this.#pruneNonces(now);
    this.#onChange(this.state);
    return { status: "accepted", commandId, kind, ack: this.#ack(commandId, "COMMAND_STATUS_ACCEPTED", "") };
  }

  /**
   * One press of the seal. Refused (with an unauthorised_attempt alarm) unless an authorisation is open.
   * With a `photo`, the impression's photo_ref is the photo's SHA-256 and the photo waits in `photos` for
   * upload; `photoRef` alone only names a reference (tests of the event path).
   */
  press(options: { photoRef?: string; photo?: Photo } = {}): PressResult {
    const now = this.#now();
    const auth = this.state.authorisation;
    if (auth && now >= auth.validUntilMs) this.#lock("LOCK_REASON_TIMEOUT");
    const open = this.state.authorisation;
    if (this.state.locked || !open || open.remaining <= 0) {
      const alarm = this.#emit({ alarm: { kind: "ALARM_KIND_UNAUTHORISED_ATTEMPT", detail: "press while locked" } });
      this.#onChange(this.state);
      return { accepted: false, events: [alarm], reason: "locked" };
    }
    open.remaining -= 1;
    const sequence = this.state.nextSequence;
    const encoded = options.photo ? encodedPhoto(options.photo.data) : undefined;
    const photoSha = encoded?.sha256;
    if (options.photo && encoded) {
      this.state.photos.push({ sequence, sha256: encoded.sha256, contentType: options.photo.contentType, data: encoded.base64, uploadToken: open.uploadToken });
    }
    const events = [
      this.#emit({
        impression: {
          authorisationId: open.id,
          applicationId: open.applicationId,
          userId: open.userId,
          photoRef: photoSha ?? options.photoRef ?? `devices/${this.state.deviceId}/photos/${sequence}.jpg`,
          remaining: open.remaining,
        },
      }),
    ];
    if (open.remaining === 0) events.push(this.#lock("LOCK_REASON_COUNT_USED_UP"));
    this.#onChange(this.state);
    return { accepted: true, events };
  }

  /**
   * Reports an impression without any authorisation, as a seal whose lock was forced would: the platform
   * must raise an unauthorised_attempt alarm. For tests and drills.
   */
  forcedImpression(photoRef = "forced"): number {
    const sequence = this.#emit({ impression: { authorisationId: "", applicationId: "", userId: "", photoRef, remaining: 0 } });
    this.#onChange(this.state);
    return sequence;
  }

  raiseAlarm(kind: "ALARM_KIND_TAMPER" | "ALARM_KIND_PRESS_TIMEOUT" | "ALARM_KIND_LOW_BATTERY", detail = ""): number {
    const sequence = this.#emit({ alarm: { kind, detail } });
    this.#onChange(this.state);
    return sequence;
  }

  /** The platform accepted (or finally refused) the photo of `sequence`: it leaves the upload queue. */
  photoDone(sequence: number): void {
    const before = this.state.photos.length;
    this.state.photos = this.state.photos.filter((p) => p.sequence !== sequence);
    if (this.state.photos.length !== before) this.#onChange(this.state);
  }

  /** Applies an EventAck: acknowledged events leave the queue. Returns how many did. */
  receiveEventAck(bytes: Uint8Array): number {
    let sequences: Set<number>;
    try {
      sequences = new Set(((decode(protocolTypes().EventAck, bytes)["sequences"] as string[]) ?? []).map(Number));
    } catch {
      return 0;
    }
    const before = this.state.queue.length;
    this.state.queue = this.state.queue.filter((e) => !sequences.has(e.sequence));
    const removed = before - this.state.queue.length;
    if (removed > 0) this.#onChange(this.state);
    return removed;
  }

  hello(firmware = "seal-sim/0.1.0"): Uint8Array {
    return encode(protocolTypes().Hello, {
      deviceId: this.state.deviceId,
      protocolVersion: 1,
      firmware,
      lastSequence: String(this.state.nextSequence - 1),
      queuedEvents: this.state.queue.length,
    });
  }

  #lock(reason: string): number {
    this.state.locked = true;
    this.state.authorisation = null;
    return this.#emit({ locked: { reason } });
  }

  #emit(body: Record<string, unknown>): number {
    const sequence = this.state.nextSequence++;
    const payload = encode(protocolTypes().DeviceEvent, { sequence: String(sequence), deviceTimeMs: String(this.#now()), ...body });
    this.state.queue.push({ sequence, payload: Buffer.from(payload).toString("base64") });
    return sequence;
  }

  #ack(commandId: string, status: string, reason: string): Uint8Array {
    return encode(protocolTypes().CommandAck, { commandId, status, reason, deviceTimeMs: String(this.#now()) });
  }

  #pruneNonces(now: number): void {
    for (const [nonce, entry] of Object.entries(this.state.nonces)) if (entry.expiresAtMs <= now) delete this.state.nonces[nonce];
  }
}
