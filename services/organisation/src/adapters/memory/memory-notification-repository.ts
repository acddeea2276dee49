import { randomUUID } from "node:crypto";
import type { AlarmDelivery, AttemptRecord, DeliveryState, DueDelivery, NotificationRepository } from "../../app/ports.js";
import type { Alarm, ChannelChanges, NotificationChannel } from "../../domain/notification.js";

/** In-memory channels and deliveries, for use-case and consumer tests and the contract suite. */
export class MemoryNotificationRepository implements NotificationRepository {
  readonly channels = new Map<string, NotificationChannel>();
  readonly deliveries = new Map<string, AlarmDelivery>();

  async createChannel(channel: NotificationChannel): Promise<void> {
    this.channels.set(channel.id, channel);
  }

  async findChannel(organisationId: string, id: string): Promise<NotificationChannel | undefined> {
    const channel = this.channels.get(id);
    return channel?.organisationId === organisationId ? channel : undefined;
  }

  async listChannels(organisationId: string): Promise<NotificationChannel[]> {
    return [...this.channels.values()].filter((c) => c.organisationId === organisationId).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  }

  async updateChannel(organisationId: string, id: string, changes: ChannelChanges): Promise<NotificationChannel | undefined> {
    const current = await this.findChannel(organisationId, id);
    if (!current) return undefined;
    const updated = { ...current, ...changes };
    this.channels.set(id, updated);
    return updated;
  }

  async deleteChannel(organisationId: string, id: string): Promise<boolean> {
    if (!(await this.findChannel(organisationId, id))) return false;
    this.channels.delete(id);
    for (const [key, delivery] of this.deliveries) if (delivery.channelId === id) this.deliveries.delete(key);
    return true;
  }

  async recordAlarm(alarm: Alarm, now: Date): Promise<number> {
    let created = 0;
    for (const channel of await this.listChannels(alarm.organisationId)) {
      if (!channel.enabled) continue;
      if ([...this.deliveries.values()].some((d) => d.alarm.eventId === alarm.eventId && d.channelId === channel.id)) continue;
      const id = randomUUID();
      this.deliveries.set(id, { id, organisationId: alarm.organisationId, channelId: channel.id, alarm, state: "pending", attempts: 0, nextAttemptAt: now, lastError: "", lastStatus: 0, createdAt: now, deliveredAt: undefined });
      created++;
    }
    return created;
  }

  async claimDue(now: Date, limit: number, leaseUntil: Date): Promise<DueDelivery[]> {
    const due = [...this.deliveries.values()]
      .filter((d) => d.state === "pending" && d.nextAttemptAt.getTime() <= now.getTime())
      .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime())
      .slice(0, limit);
    const claimed: DueDelivery[] = [];
    for (const delivery of due) {
      const channel = this.channels.get(delivery.channelId);
      if (!channel) continue;
      const moved = { ...delivery, nextAttemptAt: leaseUntil };
      this.deliveries.set(delivery.id, moved);
      claimed.push({ delivery: moved, channel });
    }
    return claimed;
  }

  async recordAttempt(id: string, attempt: AttemptRecord): Promise<void> {
    const current = this.deliveries.get(id);
    if (current) this.deliveries.set(id, { ...current, ...attempt });
  }

  async listDeliveries(organisationId: string, options: { state?: DeliveryState; limit: number }): Promise<AlarmDelivery[]> {
    return [...this.deliveries.values()]
      .filter((d) => d.organisationId === organisationId && (options.state === undefined || d.state === options.state))
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
      .slice(0, options.limit);
  }
}
