import { invalidArgument, type FieldViolation } from "@yunxi/platform";

/** Who handled an alarm, when, and what they noted. */
export interface AlarmAcknowledgement {
  readonly by: string;
  readonly at: Date;
  readonly note: string;
}

/** One alarm of an organisation, device-reported or platform-raised. */
export interface Alarm {
  readonly id: string;
  readonly organisationId: string;
  readonly deviceId: string;
  readonly kind: string;
  readonly detail: string;
  /** The device event sequence it came with (0 when the platform raised it on its own). */
  readonly sequence: bigint;
  readonly deviceTime: Date;
  readonly raisedAt: Date;
  readonly acknowledged?: AlarmAcknowledgement;
}

export type AlarmState = "open" | "all";

/** A validated page request: `before` is the arrival position the page starts below. */
export interface AlarmQuery {
  readonly state: AlarmState;
  readonly limit: number;
  readonly before?: bigint;
}

export interface AlarmPage {
  readonly alarms: readonly Alarm[];
  /** Cursor of the next (older) page; absent on the last page. */
  readonly nextBefore?: string;
}

export const DEFAULT_ALARM_LIMIT = 100;
export const MAX_ALARM_LIMIT = 1000;
export const MAX_ALARM_NOTE_LENGTH = 1000;
const CURSOR = /^[1-9][0-9]{0,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a list request; every problem is reported at once. An empty state and a zero limit mean the
 * defaults (proto3 cannot tell them from unset).
 */
export function validateAlarmQuery(input: { readonly state?: string; readonly limit?: number; readonly before?: string }): AlarmQuery {
  const violations: FieldViolation[] = [];
  const state = input.state === undefined || input.state === "" ? "open" : input.state;
  if (state !== "open" && state !== "all") violations.push({ field: "state", message: "must be open or all" });
  const limit = input.limit === undefined || input.limit === 0 ? DEFAULT_ALARM_LIMIT : input.limit;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ALARM_LIMIT) violations.push({ field: "limit", message: `must be an integer from 1 to ${MAX_ALARM_LIMIT}` });
  const before = input.before ?? "";
  // Positions are BIGSERIAL: at most 19 digits, and a value beyond int8 would fail in SQL, not here.
  if (before !== "" && (!CURSOR.test(before) || BigInt(before) > 9_223_372_036_854_775_807n)) violations.push({ field: "before", message: "must be a cursor returned as nextBefore" });
  if (violations.length > 0) throw invalidArgument("invalid alarm query", { violations });
  return { state: state as AlarmState, limit, ...(before !== "" ? { before: BigInt(before) } : {}) };
}

/** Checks an acknowledgement: the alarm id must be a UUID, the note bounded (it is kept in the ledger). */
export function validateAcknowledgement(input: { readonly alarmId: string; readonly note?: string }): { alarmId: string; note: string } {
  const violations: FieldViolation[] = [];
  const alarmId = input.alarmId ?? "";
  if (!UUID.test(alarmId)) violations.push({ field: "alarm_id", message: "must be an alarm id" });
  const note = (input.note ?? "").trim();
  if (note.length > MAX_ALARM_NOTE_LENGTH) violations.push({ field: "note", message: `at most ${MAX_ALARM_NOTE_LENGTH} characters` });
  if (violations.length > 0) throw invalidArgument("invalid acknowledgement", { violations });
  return { alarmId: alarmId.toLowerCase(), note };
}
