/** A counted, expiring permission for one user to stamp one application's document on one device. */
export interface Authorisation {
  readonly id: string;
  readonly deviceId: string;
  readonly organisationId: string;
  readonly applicationId: string;
  readonly userId: string;
  readonly impressions: number;
  readonly remaining: number;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly commandId: string;
}

/** Devices' clocks drift; a press this much before issue is still taken as made under the authorisation. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type ImpressionVerdict = { readonly authorised: true } | { readonly authorised: false; readonly reason: string };

/**
 * Whether an impression reported by `deviceId` at `deviceTime` was covered by `authorisation`. The device
 * time is used (not the arrival time) because devices upload presses made offline later.
 */
export function judgeImpression(authorisation: Authorisation | undefined, deviceId: string, deviceTime: Date): ImpressionVerdict {
  if (!authorisation) return { authorised: false, reason: "no authorisation" };
  if (authorisation.deviceId !== deviceId) return { authorised: false, reason: "authorisation belongs to another device" };
  if (authorisation.remaining <= 0) return { authorised: false, reason: "impression count used up" };
  if (deviceTime.getTime() > authorisation.expiresAt.getTime()) return { authorised: false, reason: "authorisation expired" };
  if (deviceTime.getTime() < authorisation.issuedAt.getTime() - CLOCK_SKEW_MS) return { authorised: false, reason: "press before the authorisation was issued" };
  return { authorised: true };
}
