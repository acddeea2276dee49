import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { unary, type Logger } from "@yunxi/platform";
import type { AlarmDelivery as AlarmDeliveryMessage } from "@yunxi/proto/generated/yunxi/organisation/v1/AlarmDelivery";
import type { CreateNotificationChannelRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/CreateNotificationChannelRequest";
import type { DeleteNotificationChannelRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/DeleteNotificationChannelRequest";
import type { ListAlarmDeliveriesRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/ListAlarmDeliveriesRequest";
import type { NotificationChannel as ChannelMessage } from "@yunxi/proto/generated/yunxi/organisation/v1/NotificationChannel";
import type { TestNotificationChannelRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/TestNotificationChannelRequest";
import type { TestNotificationChannelResponse } from "@yunxi/proto/generated/yunxi/organisation/v1/TestNotificationChannelResponse";
import type { UpdateNotificationChannelRequest__Output } from "@yunxi/proto/generated/yunxi/organisation/v1/UpdateNotificationChannelRequest";
import type { ChannelView, NotificationService } from "../../app/notification-service.js";
import type { AlarmDelivery } from "../../app/ports.js";

const channelMessage = (c: ChannelView): ChannelMessage => ({ id: c.id, kind: c.kind, name: c.name, urlHint: c.urlHint, hasSecret: c.hasSecret, enabled: c.enabled, createdAt: c.createdAt.toISOString() });
const deliveryMessage = (d: AlarmDelivery): AlarmDeliveryMessage => ({
  id: d.id,
  channelId: d.channelId,
  eventId: d.alarm.eventId,
  source: d.alarm.source,
  kind: d.alarm.kind,
  deviceId: d.alarm.deviceId,
  applicationId: d.alarm.applicationId,
  verificationId: d.alarm.verificationId,
  occurredAt: d.alarm.occurredAt.toISOString(),
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt.toISOString(),
  lastError: d.lastError,
  lastStatus: d.lastStatus,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? "",
});

/** The notification methods of OrganisationService: translation only; rules live in the use cases. */
export function makeNotificationGrpc(service: NotificationService, logger: Logger): UntypedServiceImplementation {
  return {
    CreateNotificationChannel: unary<CreateNotificationChannelRequest__Output, ChannelMessage>(logger, async (req, ctx) =>
      channelMessage(await service.createChannel(ctx, { kind: req.kind, name: req.name, url: req.url, secret: req.secret })),
    ),
    ListNotificationChannels: unary<unknown, { channels: ChannelMessage[] }>(logger, async (_req, ctx) => ({ channels: (await service.listChannels(ctx)).map(channelMessage) })),
    UpdateNotificationChannel: unary<UpdateNotificationChannelRequest__Output, ChannelMessage>(logger, async (req, ctx) =>
      channelMessage(
        await service.updateChannel(ctx, req.id, {
          ...(req.name === undefined ? {} : { name: req.name }),
          ...(req.url === undefined ? {} : { url: req.url }),
          ...(req.secret === undefined ? {} : { secret: req.secret }),
          ...(req.enabled === undefined ? {} : { enabled: req.enabled }),
        }),
      ),
    ),
    DeleteNotificationChannel: unary<DeleteNotificationChannelRequest__Output, Record<string, never>>(logger, async (req, ctx) => {
      await service.deleteChannel(ctx, req.id);
      return {};
    }),
    TestNotificationChannel: unary<TestNotificationChannelRequest__Output, TestNotificationChannelResponse>(logger, async (req, ctx) => {
      const outcome = await service.testChannel(ctx, req.id);
      return { delivered: outcome.ok, status: outcome.status, error: outcome.ok ? "" : outcome.error };
    }),
    ListAlarmDeliveries: unary<ListAlarmDeliveriesRequest__Output, { deliveries: AlarmDeliveryMessage[] }>(logger, async (req, ctx) => ({
      deliveries: (await service.listDeliveries(ctx, { state: req.state, limit: req.limit })).map(deliveryMessage),
    })),
  };
}
