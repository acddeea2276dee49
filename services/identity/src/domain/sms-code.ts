/** SMS code rules: six digits, valid five minutes, usable once, few per number. */
export const SMS_CODE_TTL_SECONDS = 300;
/** One code per number per minute… */
export const SMS_RESEND_WINDOW_SECONDS = 60;
/** …and at most this many per hour, so a number cannot be flooded. */
export const SMS_HOURLY_LIMIT = 5;
/** Wrong guesses after which the outstanding code is discarded (a six-digit code must not be brute-forced). */
export const SMS_MAX_WRONG_GUESSES = 5;

/** Formats a uniformly drawn integer in [0, 1 000 000) as the six-digit code (leading zeros kept). */
export function formatSmsCode(randomBelowOneMillion: number): string {
  if (!Number.isInteger(randomBelowOneMillion) || randomBelowOneMillion < 0 || randomBelowOneMillion >= 1_000_000) {
    throw new RangeError("code source must be an integer in [0, 1000000)");
  }
  return String(randomBelowOneMillion).padStart(6, "0");
}

/** The SMS text; the code appears here only and is never logged outside the development sender. */
export function smsCodeMessage(code: string): string {
  return `【云玺】验证码 ${code}，5 分钟内有效。请勿告诉他人。`;
}
