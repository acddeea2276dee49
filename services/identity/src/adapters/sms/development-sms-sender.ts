import { unavailable, type Logger } from "@yunxi/platform";
import type { SmsSender } from "../../app/ports.js";

/**
 * DEVELOPMENT ONLY: sends nothing. It keeps the last code per number for tests and, when built with
 * `logCodes` (only for IDENTITY_SMS_PROVIDER=development), writes the code to the log so a developer can
 * register. No other sender ever logs a code.
 */
export class DevelopmentSmsSender implements SmsSender {
  readonly #last = new Map<string, string>();

  constructor(private readonly options: { logger: Logger; logCodes: boolean }) {}

  async sendCode(mobile: string, code: string): Promise<void> {
    this.#last.set(mobile, code);
    if (this.options.logCodes) {
      // Deliberately not the redacted `smsCode` field: showing the code is this sender's whole purpose.
      this.options.logger.info({ mobile, developmentCode: code, provider: "development" }, "development SMS code (not sent; development provider only)");
    }
  }

  /** True for IDENTITY_SMS_PROVIDER=development: codes are shown (log and the RequestSmsCode answer). */
  get showsCodes(): boolean {
    return this.options.logCodes;
  }

  /** The last code sent to a number (tests). */
  lastCode(mobile: string): string | undefined {
    return this.#last.get(mobile);
  }
}

/** Refuses to send: no SMS provider is configured (cluster mode without one). */
export class DisabledSmsSender implements SmsSender {
  async sendCode(): Promise<void> {
    throw unavailable("no SMS provider is configured (IDENTITY_SMS_PROVIDER)");
  }
}
