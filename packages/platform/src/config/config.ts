import { z } from "zod";

/**
 * A module's configuration: a zod object whose keys are variable names WITHOUT the prefix.
 * `{ prefix: "IDENTITY_", schema: z.object({ SMS_PROVIDER: z.enum([...]) }) }` reads IDENTITY_SMS_PROVIDER.
 */
export interface ConfigSpec<Shape extends z.ZodRawShape = z.ZodRawShape> {
  readonly prefix: string;
  readonly schema: z.ZodObject<Shape>;
  /** Extra keys to redact when printed, beyond those whose names look secret. */
  readonly secretKeys?: readonly string[];
}

export type ConfigOf<Spec> = Spec extends ConfigSpec<infer Shape> ? Readonly<z.infer<z.ZodObject<Shape>>> : never;

export function defineConfig<Shape extends z.ZodRawShape>(spec: ConfigSpec<Shape>): ConfigSpec<Shape> {
  return spec;
}

/** One problem with one variable, by its full name. */
export interface ConfigProblem {
  readonly variable: string;
  readonly message: string;
}

/** Startup stops with every bad variable named at once, never one at a time. */
export class ConfigError extends Error {
  readonly problems: readonly ConfigProblem[];
  constructor(problems: readonly ConfigProblem[]) {
    super(
      `invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n"),
    );
    this.name = "ConfigError";
    this.problems = problems;
  }
}

type Environment = Readonly<Record<string, string | undefined>>;

/** Parses one spec; returns the frozen value or the problems found. Empty strings count as unset. */
export function parseConfig<Shape extends z.ZodRawShape>(
  spec: ConfigSpec<Shape>,
  env: Environment,
): { ok: true; value: Readonly<z.infer<z.ZodObject<Shape>>> } | { ok: false; problems: ConfigProblem[] } {
  const input: Record<string, string> = {};
  for (const key of Object.keys(spec.schema.shape)) {
    const raw = env[spec.prefix + key];
    if (raw !== undefined && raw !== "") input[key] = raw;
  }
  const result = spec.schema.safeParse(input);
  if (result.success) return { ok: true, value: Object.freeze(result.data) };
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? "");
    return { variable: spec.prefix + key, message: describeIssue(issue, input[key]) };
  });
  return { ok: false, problems };
}

function describeIssue(issue: z.core.$ZodIssue, raw: string | undefined): string {
  if (raw === undefined && (issue.code === "invalid_type" || issue.code === "invalid_value")) return "is required but not set";
  return issue.message;
}

/**
 * Loads several specs against one environment and reports every problem of every spec in ONE error.
 * Only the runtime calls this (with process.env); modules receive the parsed, frozen values.
 */
export function loadConfigs<Specs extends Record<string, ConfigSpec>>(
  specs: Specs,
  env: Environment,
): { readonly [K in keyof Specs]: ConfigOf<Specs[K]> } {
  const problems: ConfigProblem[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const parsed = parseConfig(spec, env);
    if (parsed.ok) values[name] = parsed.value;
    else problems.push(...parsed.problems);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as { readonly [K in keyof Specs]: ConfigOf<Specs[K]> };
}

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|API_KEY|ACCESS_KEY|SECRET_KEY|CREDENTIAL|HMAC)/i;

/** A copy safe to print or log: secret-looking values replaced, passwords inside URLs masked. */
export function redactConfig(spec: ConfigSpec, value: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const extra = new Set(spec.secretKeys ?? []);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    if (extra.has(key) || SECRET_NAME.test(key)) out[spec.prefix + key] = "[redacted]";
    else if (typeof item === "string") out[spec.prefix + key] = redactUrlPassword(item);
    else out[spec.prefix + key] = item;
  }
  return out;
}

/** `postgres://user:pw@host/db` → `postgres://user:***@host/db`; other strings unchanged. */
export function redactUrlPassword(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/i, "$1***@");
}

/** Environment-friendly zod helpers: variables are strings. */
export const env = {
  boolean: () =>
    z
      .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  port: () => z.coerce.number({ message: "expected a port number" }).int().min(0).max(65535),
  positiveInt: () => z.coerce.number({ message: "expected a whole number" }).int().positive(),
  url: (protocols?: readonly string[]) =>
    z.string().refine(
      (value) => {
        try {
          const url = new URL(value);
          return protocols === undefined || protocols.includes(url.protocol.replace(/:$/, ""));
        } catch {
          return false;
        }
      },
      { message: protocols ? `expected a URL (${protocols.join(", ")})` : "expected a URL" },
    ),
  list: () =>
    z.string().transform((value) =>
      value
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item.length > 0),
    ),
};
