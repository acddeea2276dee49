import { invalidArgument } from "@yunxi/platform";

/** A value the ledger can hash: JSON without floating-point numbers. */
export type CanonicalValue = null | boolean | number | string | readonly CanonicalValue[] | { readonly [key: string]: CanonicalValue };

/**
 * The ledger's canonical JSON (docs/evidence-ledger.md): object keys sorted by UTF-16 code units (as
 * JavaScript sorts strings, and as RFC 8785 does), no whitespace, strings escaped as `JSON.stringify` does,
 * numbers only as safe integers. Floats are refused rather than formatted, because two platforms can print
 * the same double differently and the hash must not depend on that.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, "$");
}

function encode(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isSafeInteger(value)) throw notCanonical(path, "numbers must be safe integers (no floats, NaN or infinities)");
      return Object.is(value, -0) ? "0" : String(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((item, i) => encode(item, `${path}[${i}]`)).join(",")}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw notCanonical(path, "only plain objects, arrays, strings, safe integers, booleans and null");
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).filter((k) => record[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${encode(record[k], `${path}.${k}`)}`).join(",")}}`;
    }
    default:
      throw notCanonical(path, `a ${typeof value} has no canonical JSON form`);
  }
}

function notCanonical(path: string, message: string) {
  return invalidArgument("value has no canonical JSON form", { violations: [{ field: path, message }] });
}

/**
 * Makes arbitrary decoded data canonicalisable: numbers that are not safe integers become their decimal
 * string, binary becomes base64, dates ISO strings, undefined members vanish. Used on event payloads, whose
 * float or 64-bit fields would otherwise be refused.
 */
export function toCanonicalValue(value: unknown): CanonicalValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") return Number.isSafeInteger(value) ? (Object.is(value, -0) ? 0 : value) : String(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toCanonicalValue);
  if (typeof value === "object") {
    const out: Record<string, CanonicalValue> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) if (item !== undefined) out[key] = toCanonicalValue(item);
    return out;
  }
  return String(value);
}
