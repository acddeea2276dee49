import { randomUUID } from "node:crypto";
import type { AlarmDelivery, AttemptRecord, DeliveryState, DueDelivery, NotificationRepository } from "../../app/ports.js";
import { CHANNEL_KINDS, type Alarm, type ChannelChanges, type ChannelKind, type NotificationChannel } from "../../domain/notification.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

type ChannelRow = { id: string; organisationId: string; kind: string; name: string; url: string; secret: string; enabled: boolean; createdAt: Date };
type DeliveryRow = {
  id: string;
  organisationId: string;
  channelId: string;
  alarm: unknown;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string;
  lastStatus: number;
  createdAt: Date;
  deliveredAt: Date | null;
};
/** claimDue's raw rows: snake_case columns of both tables. */
type ClaimedRow = {
  id: string;
  organisation_id: string;
  channel_id: string;
  alarm: unknown;
  state: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string;
  last_status: number;
  created_at: Date;
  delivered_at: Date | null;
  c_kind: string;
  c_name: string;
  c_url: string;
  c_secret: string;
  c_enabled: boolean;
  c_created_at: Date;
};

// Rows are only ever written from validated values; the checks keep the types honest.
const toKind = (kind: string): ChannelKind => ((CHANNEL_KINDS as readonly string[]).includes(kind) ? (kind as ChannelKind) : "webhook");
const toState = (state: string): DeliveryState => (state === "delivered" || state === "failed" ? state : "pending");
const toChannel = (row: ChannelRow): NotificationChannel => ({ ...row, kind: toKind(row.kind) });

/** The alarm as stored (JSON): dates as ISO strings. */
function alarmJson(alarm: Alarm): Record<string, string> {
  return { ...alarm, occurredAt: alarm.occurredAt.toISOString() };
}
function toAlarm(value: unknown): Alarm {
  const v = (value ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof v[key] === "string" ? v[key] : "");
  return {
    eventId: text("eventId"),
    organisationId: text("organisationId"),
    source: text("source") === "verification" ? "verification" : "device",
    kind: text("kind"),
    deviceId: text("deviceId"),
    applicationId: text("applicationId"),
    verificationId: text("verificationId"),
    sequence: text("sequence"),
    detail: text("detail"),
    occurredAt: new Date(text("occurredAt")),
  };
}
const toDelivery = (row: DeliveryRow): AlarmDelivery => ({
  id: row.id,
  organisationId: row.organisationId,
  channelId: row.channelId,
  alarm: toAlarm(row.alarm),
  state: toState(row.state),
  attempts: row.attempts,
  nextAttemptAt: row.nextAttemptAt,
  lastError: row.lastError,
  lastStatus: row.lastStatus,
  createdAt: row.createdAt,
  deliveredAt: row.deliveredAt ?? undefined,
});

/** Channels and deliveries on Prisma (PostgreSQL or embedded PGlite, schema `organisation`). */
export class PrismaNotificationRepository implements NotificationRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async createChannel(channel: NotificationChannel): Promise<void> {
    await this.prisma.notificationChannel.create({ data: { ...channel } });
  }

  async findChannel(organisationId: string, id: string): Promise<NotificationChannel | undefined> {
    const row = await this.prisma.notificationChannel.findFirst({ where: { organisationId, id } });
    return row ? toChannel(row) : undefined;
  }

  async listChannels(organisationId: string): Promise<NotificationChannel[]> {
    const rows = await this.prisma.notificationChannel.findMany({ where: { organisationId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return rows.map(toChannel);
  }

  async updateChannel(organisationId: string, id: string, changes: ChannelChanges): Promise<NotificationChannel | undefined> {
    const { count } = await this.prisma.notificationChannel.updateMany({ where: { organisationId, id }, data: { ...changes } });
    return count === 0 ? undefined : this.findChannel(organisationId, id);
  }

  async deleteChannel(organisationId: string, id: string): Promise<boolean> {
    const { count } = await this.prisma.notificationChannel.deleteMany({ where: { organisationId, id } });
    return count > 0;
  }

  async recordAlarm(alarm: Alarm, now: Date): Promise<number> {
    const channels = await this.prisma.notificationChannel.findMany({ where: { organisationId: alarm.organisationId, enabled: true }, select: { id: true } });
    if (channels.length === 0) return 0;
    // The unique (event, channel) index decides: a redelivered event, or a second consumer racing this one, creates nothing.
    const { count } = await this.prisma.alarmDelivery.createMany({
      data: channels.map((channel) => ({
        id: randomUUID(),
        organisationId: alarm.organisationId,
        channelId: channel.id,
        eventId: alarm.eventId,
        alarm: alarmJson(alarm),
        state: "pending",
        nextAttemptAt: now,
        createdAt: now,
      })),
      skipDuplicates: true,
    });
    return count;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<DueDelivery[]> {
    // One statement: SKIP LOCKED lets several replicas claim disjoint rows; the moved next_attempt_at is the claim.
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT id FROM alarm_delivery
        WHERE state = 'pending' AND next_attempt_at <= ${now}
        ORDER BY next_attempt_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE alarm_delivery d SET next_attempt_at = ${leaseUntil} FROM due WHERE d.id = due.id RETURNING d.*
      )
      SELECT claimed.*, c.kind AS c_kind, c.name AS c_name, c.url AS c_url, c.secret AS c_secret, c.enabled AS c_enabled, c.created_at AS c_created_at
      FROM claimed JOIN notification_channel c ON c.id = claimed.channel_id
      ORDER BY claimed.created_at, claimed.id`;
    return rows.map((row) => ({
      delivery: toDelivery({
        id: row.id,
        organisationId: row.organisation_id,
        channelId: row.channel_id,
        alarm: row.alarm,
        state: row.state,
        attempts: row.attempts,
        nextAttemptAt: row.next_attempt_at,
        lastError: row.last_error,
        lastStatus: row.last_status,
        createdAt: row.created_at,
        deliveredAt: row.delivered_at,
      }),
      channel: toChannel({
        id: row.channel_id,
        organisationId: row.organisation_id,
        kind: row.c_kind,
        name: row.c_name,
        url: row.c_url,
        secret: row.c_secret,
        enabled: row.c_enabled,
        createdAt: row.c_created_at,
      }),
    }));
  }

  async recordAttempt(id: string, attempt: AttemptRecord): Promise<void> {
    await this.prisma.alarmDelivery.updateMany({
      where: { id },
      data: { state: attempt.state, attempts: attempt.attempts, nextAttemptAt: attempt.nextAttemptAt, lastError: attempt.lastError, lastStatus: attempt.lastStatus, deliveredAt: attempt.deliveredAt ?? null },
    });
  }

  async listDeliveries(organisationId: string, options: { state?: DeliveryState; limit: number }): Promise<AlarmDelivery[]> {
    const rows = await this.prisma.alarmDelivery.findMany({
      where: { organisationId, ...(options.state === undefined ? {} : { state: options.state }) },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: options.limit,
    });
    return rows.map(toDelivery);
  }
}
