import { trace } from "@opentelemetry/api";
import { pino, type Logger, type LoggerOptions } from "pino";

export type { Logger } from "pino";

/**
 * Field names whose values are never written to a log, at any depth we know of.
 * Secrets, codes, tokens and key material must not leave the process through logs.
 */
export const REDACTED_PATHS: readonly string[] = [
  "password", "*.password", "passwordHash", "*.passwordHash",
  "token", "*.token", "accessToken", "*.accessToken", "refreshToken", "*.refreshToken",
  "authorization", "*.authorization", "headers.authorization", "req.headers.authorization",
  "secret", "*.secret", "clientSecret", "*.clientSecret",
  "smsCode", "*.smsCode", "verificationCode", "*.verificationCode", "authCode", "*.authCode",
  "key", "*.key", "keyMaterial", "*.keyMaterial", "dataKey", "*.dataKey", "privateKey", "*.privateKey",
  "connectionString", "*.connectionString",
];

export interface RootLoggerOptions {
  /** pino level; defaults to LOG_LEVEL read by the runtime, else "info". */
  readonly level?: string;
  /** A destination stream for tests; stdout otherwise. */
  readonly destination?: NodeJS.WritableStream;
}

/** One root logger per process; modules take `root.child({ service })`. Trace ids are injected per line. */
export function createRootLogger(options: RootLoggerOptions = {}): Logger {
  const pinoOptions: LoggerOptions = {
    level: options.level ?? "info",
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...REDACTED_PATHS], censor: "[redacted]" },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      const context = span.spanContext();
      return { trace_id: context.traceId, span_id: context.spanId };
    },
  };
  return options.destination
    ? pino(pinoOptions, options.destination as unknown as pino.DestinationStream)
    : pino(pinoOptions);
}
