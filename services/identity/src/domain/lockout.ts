/** Failed logins in a row that lock an account. */
export const MAX_FAILED_LOGINS = 5;
/** How long a lock lasts. */
export const LOCKOUT_SECONDS = 15 * 60;

export function isLocked(lockedUntil: Date | undefined, now: Date): boolean {
  return lockedUntil !== undefined && lockedUntil.getTime() > now.getTime();
}

/**
 * What a failed login does, given the failure count including this one: lock once it reaches the limit
 * (the count then starts again, so the next lock needs another full round).
 */
export function afterFailedLogin(failedCount: number, now: Date): { lockedUntil: Date | undefined; failedLoginCount: number } {
  if (failedCount >= MAX_FAILED_LOGINS) return { lockedUntil: new Date(now.getTime() + LOCKOUT_SECONDS * 1000), failedLoginCount: 0 };
  return { lockedUntil: undefined, failedLoginCount: failedCount };
}
