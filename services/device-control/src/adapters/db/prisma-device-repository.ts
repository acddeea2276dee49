import { alreadyExists, handleOnce, notFound, sqlExecutorFromPrisma, appendToOutbox, type BusMessage, type SqlDatabase } from "@yunxi/platform";
import { randomUUID } from "node:crypto";
import type { Alarm, AlarmAcknowledgement, AlarmQuery } from "../../domain/alarms.js";
import type { Authorisation } from "../../domain/authorisation.js";
import { judgeImpression } from "../../domain/authorisation.js";
import type { CommandStatus, StoredCommand } from "../../domain/commands.js";
import type { Device, DeviceStatus } from "../../domain/device.js";
import type { DeviceControlEvent, DeviceEventInput, RecordOutcome } from "../../domain/device-events.js";
import { fillGap, placeSequence } from "../../domain/sequence.js";
import type { ConsumedEvent, DeviceRecords, DeviceRepository, StoredDeviceEvent } from "../../app/ports.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
type DeviceRow = Awaited<ReturnType<PrismaClient["device"]["findUniqueOrThrow"]>>;
type CommandRow = Awaited<ReturnType<PrismaClient["deviceCommand"]["findUniqueOrThrow"]>>;
type AuthorisationRow = Awaited<ReturnType<PrismaClient["authorisation"]["findUniqueOrThrow"]>>;
type AlarmRow = Awaited<ReturnType<PrismaClient["deviceAlarm"]["findUniqueOrThrow"]>>;

// PGlite on a loaded machine can be slow; Prisma's default 5 s would abort healthy transactions.
const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 } as const;

const toDevice = (row: DeviceRow): Device => ({
  id: row.id,
  organisationId: row.organisationId,
  serial: row.serial,
  model: row.model,
  status: row.status as DeviceStatus,
  locked: row.locked,
  lastSequence: row.lastSequence,
  createdAt: row.createdAt,
  ...(row.lastSeenAt ? { lastSeenAt: row.lastSeenAt } : {}),
});

const toCommand = (row: CommandRow): StoredCommand => ({
  id: row.id,
  deviceId: row.deviceId,
  organisationId: row.organisationId,
  kind: row.kind as StoredCommand["kind"],
  envelope: new Uint8Array(row.envelope),
  expiresAt: row.expiresAt,
  status: row.status as CommandStatus,
});

const toAuthorisation = (row: AuthorisationRow): Authorisation => ({
  id: row.id,
  deviceId: row.deviceId,
  organisationId: row.organisationId,
  applicationId: row.applicationId,
  userId: row.userId,
  impressions: row.impressions,
  remaining: row.remaining,
  issuedAt: row.issuedAt,
  expiresAt: row.expiresAt,
  commandId: row.commandId,
});

const toAlarm = (row: AlarmRow): Alarm => ({
  id: row.id,
  organisationId: row.organisationId,
  deviceId: row.deviceId,
  kind: row.kind,
  detail: row.detail,
  sequence: row.sequence,
  deviceTime: row.deviceTime,
  raisedAt: row.raisedAt,
  ...(row.acknowledgedAt ? { acknowledged: { by: row.acknowledgedBy ?? "", at: row.acknowledgedAt, note: row.acknowledgementNote ?? "" } } : {}),
});

/** Stores every alarm among `events` (the alarm list mirrors what is announced, in the same transaction). */
async function storeAlarms(tx: Tx, events: readonly DeviceControlEvent[], raisedAt: Date): Promise<void> {
  const data = events.flatMap((event) =>
    event.type === "alarm-raised"
      ? [{ id: randomUUID(), organisationId: event.organisationId, deviceId: event.deviceId, kind: event.kind, detail: event.detail, sequence: event.sequence, deviceTime: event.occurredAt, raisedAt }]
      : [],
  );
  // One row at a time keeps positions in announcement order.
  for (const row of data) await tx.deviceAlarm.create({ data: row });
}

/**
 * The Prisma transaction `tx` seen as a {@link SqlDatabase} whose `transaction` joins `tx` rather than
 * opening another, so `handleOnce` records the event id in the same transaction as the domain rows (on
 * PGlite a second transaction would also wait forever for the one connection `tx` holds).
 */
function joinedTransaction(tx: Tx): SqlDatabase {
  const executor = sqlExecutorFromPrisma(tx);
  return {
    query: (sql, params) => executor.query(sql, params),
    transaction: (work) => work({ query: (sql, params) => executor.query(sql, params), exec: async (script) => void (await tx.$executeRawUnsafe(script)) }),
    close: async () => undefined,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** {@link DeviceRepository} on Prisma 7 (PostgreSQL or PGlite), outbox rows in the same transactions. */
export class PrismaDeviceRepository implements DeviceRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly encodeEvents: (events: readonly DeviceControlEvent[]) => BusMessage[],
    /** Called after a transaction that appended outbox rows committed (e.g. `relay.nudge()`). */
    private readonly afterOutbox: () => void = () => undefined,
  ) {}

  async createDevice(device: Device): Promise<Device> {
    const existing = await this.prisma.device.findUnique({ where: { organisationId_serial: { organisationId: device.organisationId, serial: device.serial } } });
    if (existing) throw alreadyExists(`a device with serial ${device.serial} already exists`);
    try {
      const row = await this.prisma.device.create({
        data: { id: device.id, organisationId: device.organisationId, serial: device.serial, model: device.model, status: device.status, locked: device.locked, lastSequence: device.lastSequence, createdAt: device.createdAt },
      });
      return toDevice(row);
    } catch (error) {
      if ((error as { code?: string }).code === "P2002") throw alreadyExists(`a device with serial ${device.serial} already exists`);
      throw error;
    }
  }

  async getDevice(organisationId: string, deviceId: string): Promise<Device | undefined> {
    const row = await this.prisma.device.findFirst({ where: { id: deviceId, organisationId } });
    return row ? toDevice(row) : undefined;
  }

  async listDevices(organisationId: string): Promise<Device[]> {
    return (await this.prisma.device.findMany({ where: { organisationId }, orderBy: { createdAt: "asc" } })).map(toDevice);
  }

  async deviceById(deviceId: string): Promise<Device | undefined> {
    const row = await this.prisma.device.findUnique({ where: { id: deviceId } });
    return row ? toDevice(row) : undefined;
  }

  async setDeviceStatus(organisationId: string, deviceId: string, status: DeviceStatus): Promise<Device> {
    const { count } = await this.prisma.device.updateMany({ where: { id: deviceId, organisationId }, data: { status } });
    if (count === 0) throw notFound(`device ${deviceId} not found`);
    return toDevice(await this.prisma.device.findUniqueOrThrow({ where: { id: deviceId } }));
  }

  async markSeen(deviceId: string, at: Date): Promise<void> {
    await this.prisma.device.updateMany({ where: { id: deviceId }, data: { lastSeenAt: at } });
  }

  async saveAuthorisation(authorisation: Authorisation, command: StoredCommand, consumed?: ConsumedEvent): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const save = async () => {
        await this.#insertCommand(tx, command);
        await tx.authorisation.create({ data: { ...authorisation } });
      };
      if (!consumed) {
        await save();
        return true;
      }
      return handleOnce(joinedTransaction(tx), consumed.consumerGroup, consumed.eventId, save);
    }, TX_OPTIONS);
  }

  async announceOnce(consumed: ConsumedEvent, events: readonly DeviceControlEvent[]): Promise<boolean> {
    const announced = await this.prisma.$transaction(
      (tx) =>
        handleOnce(joinedTransaction(tx), consumed.consumerGroup, consumed.eventId, async (sql) => {
          await storeAlarms(tx, events, new Date());
          await appendToOutbox(sql, this.encodeEvents(events));
        }),
      TX_OPTIONS,
    );
    if (announced) this.afterOutbox();
    return announced;
  }

  async saveCommand(command: StoredCommand): Promise<void> {
    await this.#insertCommand(this.prisma, command);
  }

  async #insertCommand(tx: Tx | PrismaClient, command: StoredCommand): Promise<void> {
    await tx.deviceCommand.create({
      data: {
        id: command.id,
        deviceId: command.deviceId,
        organisationId: command.organisationId,
        kind: command.kind,
        envelope: new Uint8Array(command.envelope),
        expiresAt: command.expiresAt,
        status: command.status,
      },
    });
  }

  async getAuthorisation(organisationId: string, id: string) {
    if (!UUID.test(id)) return undefined;
    const row = await this.prisma.authorisation.findFirst({ where: { id, organisationId } });
    if (!row) return undefined;
    const command = await this.prisma.deviceCommand.findUnique({ where: { id: row.commandId } });
    return { ...toAuthorisation(row), commandStatus: (command?.status ?? "expired") as CommandStatus };
  }

  async pendingCommands(deviceId: string, now: Date): Promise<StoredCommand[]> {
    const rows = await this.prisma.deviceCommand.findMany({ where: { deviceId, status: "pending", expiresAt: { gt: now } }, orderBy: { createdAt: "asc" } });
    return rows.map(toCommand);
  }

  async devicesWithPendingCommands(now: Date): Promise<string[]> {
    const rows = await this.prisma.deviceCommand.findMany({ where: { status: "pending", expiresAt: { gt: now } }, distinct: ["deviceId"], select: { deviceId: true } });
    return rows.map((r) => r.deviceId);
  }

  async markSent(commandIds: readonly string[], at: Date): Promise<void> {
    await this.prisma.deviceCommand.updateMany({ where: { id: { in: [...commandIds] } }, data: { lastSentAt: at } });
  }

  async acknowledgeCommand(deviceId: string, commandId: string, status: "accepted" | "duplicate" | "refused", reason: string, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.deviceCommand.updateMany({
        where: { id: commandId, deviceId, status: "pending" },
        data: { status, reason: reason || null, acknowledgedAt: at },
      });
      if (count > 0 && status === "accepted") {
        const command = await tx.deviceCommand.findUniqueOrThrow({ where: { id: commandId } });
        // An accepted Authorise unlocks the device; the device reports Locked when it locks again.
        if (command.kind === "authorise") await tx.device.update({ where: { id: deviceId }, data: { locked: false } });
      }
      return count > 0;
    }, TX_OPTIONS);
  }

  async expireCommands(now: Date): Promise<number> {
    const { count } = await this.prisma.deviceCommand.updateMany({ where: { status: "pending", expiresAt: { lte: now } }, data: { status: "expired" } });
    return count;
  }

  async recordEvent(device: Device, event: DeviceEventInput, receivedAt: Date): Promise<RecordOutcome> {
    const outcome = await this.prisma.$transaction(async (tx) => {
      // Serialises events of one device across replicas; the primary key below is the final guard.
      await tx.$queryRawUnsafe(`SELECT id FROM device WHERE id = $1 FOR UPDATE`, device.id);
      const existing = await tx.deviceEvent.findUnique({ where: { deviceId_sequence: { deviceId: device.id, sequence: event.sequence } }, select: { sequence: true } });
      if (existing) return { duplicate: true } as RecordOutcome;
      const current = await tx.device.findUniqueOrThrow({ where: { id: device.id } });
      const gaps = await tx.sequenceGap.findMany({ where: { deviceId: device.id } });
      const placement = placeSequence(
        current.lastSequence,
        event.sequence,
        gaps.map((g) => ({ from: g.fromSequence, to: g.toSequence })),
      );
      const events: DeviceControlEvent[] = [];
      const base = { deviceId: device.id, organisationId: device.organisationId };
      let result: { duplicate: false; authorised?: boolean; gap?: { from: bigint; to: bigint } } = { duplicate: false };

      if (placement.kind === "ahead") {
        await tx.device.update({ where: { id: device.id }, data: { lastSequence: event.sequence, lastSeenAt: receivedAt } });
        if (placement.gap) {
          await tx.sequenceGap.create({ data: { ...base, fromSequence: placement.gap.from, toSequence: placement.gap.to, detectedAt: receivedAt } });
          events.push({ type: "sequence-gap", ...base, from: placement.gap.from, to: placement.gap.to });
          result = { ...result, gap: placement.gap };
        }
      } else if (placement.gap) {
        const row = gaps.find((g) => g.fromSequence === placement.gap?.from && g.toSequence === placement.gap.to);
        if (row) {
          await tx.sequenceGap.delete({ where: { id: row.id } });
          for (const rest of fillGap(placement.gap, event.sequence)) {
            await tx.sequenceGap.create({ data: { ...base, fromSequence: rest.from, toSequence: rest.to, detectedAt: row.detectedAt } });
          }
        }
      }

      const body = event.body;
      const common = { deviceId: device.id, sequence: event.sequence, organisationId: device.organisationId, deviceTime: event.deviceTime, receivedAt };
      if (body.kind === "impression") {
        const authorisationRow = UUID.test(body.authorisationId)
          ? await tx.authorisation.findUnique({ where: { id: body.authorisationId } })
          : null;
        const verdict = judgeImpression(authorisationRow ? toAuthorisation(authorisationRow) : undefined, device.id, event.deviceTime);
        let authorised = verdict.authorised;
        let reason = verdict.authorised ? "" : verdict.reason;
        if (authorised && authorisationRow) {
          // Conditional decrement: the count can never go below zero, whatever arrives concurrently.
          const { count } = await tx.authorisation.updateMany({ where: { id: authorisationRow.id, remaining: { gt: 0 } }, data: { remaining: { decrement: 1 } } });
          if (count === 0) {
            authorised = false;
            reason = "impression count used up";
          }
        }
        // The record keys on the authorisation's own facts, not on what the device claims.
        const applicationId = authorised && authorisationRow ? authorisationRow.applicationId : body.applicationId;
        const userId = authorised && authorisationRow ? authorisationRow.userId : body.userId;
        await tx.deviceEvent.create({
          data: { ...common, kind: "impression", authorisationId: body.authorisationId || null, applicationId: applicationId || null, userId: userId || null, photoRef: body.photoRef || null, authorised, detail: reason || null },
        });
        events.push({ type: "impression-recorded", ...base, sequence: event.sequence, deviceTime: event.deviceTime, authorisationId: body.authorisationId, applicationId, userId, photoRef: body.photoRef, authorised });
        if (!authorised) {
          events.push({ type: "alarm-raised", ...base, kind: "unauthorised_attempt", detail: reason, sequence: event.sequence, occurredAt: event.deviceTime });
        }
        result = { ...result, authorised };
      } else if (body.kind === "locked") {
        await tx.deviceEvent.create({ data: { ...common, kind: "locked", lockReason: body.reason } });
        if (placement.kind === "ahead") await tx.device.update({ where: { id: device.id }, data: { locked: true } });
        events.push({ type: "device-locked", ...base, reason: body.reason, sequence: event.sequence, deviceTime: event.deviceTime });
      } else {
        await tx.deviceEvent.create({ data: { ...common, kind: "alarm", alarmKind: body.alarm, detail: body.detail || null } });
        events.push({ type: "alarm-raised", ...base, kind: body.alarm, detail: body.detail, sequence: event.sequence, occurredAt: event.deviceTime });
      }
      await storeAlarms(tx, events, receivedAt);
      await appendToOutbox(sqlExecutorFromPrisma(tx), this.encodeEvents(events));
      return result as RecordOutcome;
    }, TX_OPTIONS);
    if (!outcome.duplicate) this.afterOutbox();
    return outcome;
  }

  async listRecords(organisationId: string, deviceId: string): Promise<DeviceRecords> {
    const [events, gaps] = await Promise.all([
      this.prisma.deviceEvent.findMany({ where: { organisationId, deviceId }, orderBy: { sequence: "asc" } }),
      this.prisma.sequenceGap.findMany({ where: { organisationId, deviceId }, orderBy: { fromSequence: "asc" } }),
    ]);
    return {
      events: events.map(
        (e): StoredDeviceEvent => ({
          sequence: e.sequence,
          kind: e.kind as StoredDeviceEvent["kind"],
          deviceTime: e.deviceTime,
          receivedAt: e.receivedAt,
          ...(e.authorisationId ? { authorisationId: e.authorisationId } : {}),
          ...(e.applicationId ? { applicationId: e.applicationId } : {}),
          ...(e.userId ? { userId: e.userId } : {}),
          ...(e.photoRef ? { photoRef: e.photoRef } : {}),
          ...(e.authorised !== null ? { authorised: e.authorised } : {}),
          ...(e.alarmKind ? { alarmKind: e.alarmKind } : {}),
          ...(e.lockReason ? { lockReason: e.lockReason } : {}),
          ...(e.detail ? { detail: e.detail } : {}),
        }),
      ),
      gaps: gaps.map((g) => ({ from: g.fromSequence, to: g.toSequence, detectedAt: g.detectedAt })),
    };
  }

  async listAlarms(organisationId: string, query: AlarmQuery): Promise<{ alarms: Alarm[]; nextBefore?: bigint }> {
    const rows = await this.prisma.deviceAlarm.findMany({
      where: {
        organisationId,
        ...(query.state === "open" ? { acknowledgedAt: null } : {}),
        ...(query.before !== undefined ? { position: { lt: query.before } } : {}),
      },
      orderBy: { position: "desc" },
      // One more than asked tells whether an older page exists.
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { alarms: page.map(toAlarm), ...(rows.length > query.limit && last ? { nextBefore: last.position } : {}) };
  }

  async acknowledgeAlarm(organisationId: string, alarmId: string, acknowledgement: AlarmAcknowledgement): Promise<Alarm | undefined> {
    if (!UUID.test(alarmId)) return undefined;
    const result = await this.prisma.$transaction(async (tx) => {
      // Conditional: of concurrent acknowledgements exactly one matches, and only it announces.
      const { count } = await tx.deviceAlarm.updateMany({
        where: { id: alarmId, organisationId, acknowledgedAt: null },
        data: { acknowledgedBy: acknowledgement.by, acknowledgedAt: acknowledgement.at, acknowledgementNote: acknowledgement.note },
      });
      const row = await tx.deviceAlarm.findFirst({ where: { id: alarmId, organisationId } });
      if (!row) return undefined;
      const alarm = toAlarm(row);
      if (count > 0) {
        const event: DeviceControlEvent = {
          type: "alarm-acknowledged",
          alarmId: alarm.id,
          deviceId: alarm.deviceId,
          organisationId,
          kind: alarm.kind,
          acknowledgedBy: acknowledgement.by,
          acknowledgedAt: acknowledgement.at,
          note: acknowledgement.note,
        };
        await appendToOutbox(sqlExecutorFromPrisma(tx), this.encodeEvents([event]));
      }
      return { alarm, announced: count > 0 };
    }, TX_OPTIONS);
    if (result?.announced) this.afterOutbox();
    return result?.alarm;
  }
}
