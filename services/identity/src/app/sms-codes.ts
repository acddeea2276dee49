import { randomInt, timingSafeEqual } from "node:crypto";
import { invalidArgument, resourceExhausted, type KeyValueStore } from "@yunxi/platform";
import { mobileViolation, smsCodeViolation } from "../domain/account.js";
import {
  formatSmsCode,
  SMS_CODE_TTL_SECONDS,
  SMS_HOURLY_LIMIT,
  SMS_MAX_WRONG_GUESSES,
  SMS_RESEND_WINDOW_SECONDS,
} from "../domain/sms-code.js";
import type { SmsSender } from "./ports.js";

interface StoredCode {
  readonly code: string;
  /** Epoch ms; lets a restored code keep its original deadline. */
  readonly expiresAt: number;
}

/** A consumed code, returned so a registration that fails afterwards for the caller's input can hand it back. */
export interface ConsumedCode {
  restore(): Promise<void>;
}

const wrongCode = () => invalidArgument("the SMS code is wrong or has expired", { violations: [{ field: "sms_code", message: "request a new code if it has expired" }] });

/**
 * One-shot SMS codes kept in the key-value store (memory embedded, Redis in a cluster), so every replica
 * sees the same codes and counters. Codes never appear in logs or errors.
 */
export class SmsCodes {
  constructor(
    private readonly store: KeyValueStore,
    private readonly sender: SmsSender,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends a fresh code, replacing any outstanding one; ResourceExhausted past the per-number limits. */
  async request(mobile: string): Promise<{ expiresInSeconds: number; retryAfterSeconds: number }> {
    const violation = mobileViolation(mobile);
    if (violation) throw invalidArgument("invalid mobile number", { violations: [violation] });
    // The minute window is checked first so a burst does not burn the hourly allowance.
    if ((await this.store.increment(`sms:minute:${mobile}`, { ttlSeconds: SMS_RESEND_WINDOW_SECONDS })) > 1) {
      throw resourceExhausted(`a code was sent to this number less than ${SMS_RESEND_WINDOW_SECONDS} seconds ago`);
    }
    if ((await this.store.increment(`sms:hour:${mobile}`, { ttlSeconds: 3600 })) > SMS_HOURLY_LIMIT) {
      throw resourceExhausted(`at most ${SMS_HOURLY_LIMIT} codes per hour are sent to one number`);
    }
    const code = formatSmsCode(randomInt(1_000_000));
    const stored: StoredCode = { code, expiresAt: this.now() + SMS_CODE_TTL_SECONDS * 1000 };
    await this.store.set(`sms:code:${mobile}`, JSON.stringify(stored), { ttlSeconds: SMS_CODE_TTL_SECONDS });
    await this.store.delete(`sms:wrong:${mobile}`);
    await this.sender.sendCode(mobile, code);
    return { expiresInSeconds: SMS_CODE_TTL_SECONDS, retryAfterSeconds: SMS_RESEND_WINDOW_SECONDS };
  }

  /**
   * Checks the code without using it up. A wrong guess is counted; after {@link SMS_MAX_WRONG_GUESSES}
   * the outstanding code is discarded, so guessing six digits is hopeless.
   */
  async check(mobile: string, code: string): Promise<void> {
    const violation = smsCodeViolation(code);
    if (violation) throw invalidArgument("invalid SMS code", { violations: [violation] });
    const stored = parse(await this.store.get(`sms:code:${mobile}`));
    if (!stored || !sameCode(stored.code, code)) {
      if (stored) {
        const wrong = await this.store.increment(`sms:wrong:${mobile}`, { ttlSeconds: SMS_CODE_TTL_SECONDS });
        if (wrong >= SMS_MAX_WRONG_GUESSES) await this.store.delete(`sms:code:${mobile}`);
      }
      throw wrongCode();
    }
  }

  /** Uses the code up (atomically: of two concurrent registrations only one gets it). */
  async consume(mobile: string, code: string): Promise<ConsumedCode> {
    await this.check(mobile, code);
    const raw = await this.store.take(`sms:code:${mobile}`);
    const stored = parse(raw);
    if (!stored || !sameCode(stored.code, code)) throw wrongCode();
    return {
      restore: async () => {
        const ttlMs = stored.expiresAt - this.now();
        if (ttlMs > 0) await this.store.setIfAbsent(`sms:code:${mobile}`, JSON.stringify(stored), { ttlSeconds: ttlMs / 1000 });
      },
    };
  }
}

function parse(raw: string | undefined): StoredCode | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<StoredCode>;
    return typeof value.code === "string" && typeof value.expiresAt === "number" ? { code: value.code, expiresAt: value.expiresAt } : undefined;
  } catch {
    return undefined;
  }
}

function sameCode(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
