import { randomUUID } from "node:crypto";
import { authenticate, invalidArgument, notFound, permissionDenied, requirePermission, type CallContext, type Caller, type Logger, type TokenVerifier } from "@yunxi/platform";
import { destinationViolation, type DestinationPolicy } from "../domain/destination-policy.js";
import {
  buildRequest,
  redactUrl,
  testPayload,
  validateChannelChanges,
  validateNewChannel,
  type AttemptOutcome,
  type ChannelChanges,
  type NewChannel,
  type NotificationChannel,
} from "../domain/notification.js";
import { UUID_PATTERN } from "../domain/organisation.js";
import { sendOnce } from "./alarm-delivery.js";
import { findCallerOrganisation } from "./organisation-service.js";
import type { AlarmDelivery, AlarmSender, Clock, DeliveryState, NotificationRepository, OrganisationRepository } from "./ports.js";

const DELIVERY_STATES: readonly DeliveryState[] = ["pending", "delivered", "failed"];
const LIST_LIMIT_MAX = 500;

/** A channel as it may leave the service: the URL masked, only whether a secret is set. */
export interface ChannelView {
  readonly id: string;
  readonly kind: NotificationChannel["kind"];
  readonly name: string;
  readonly urlHint: string;
  readonly hasSecret: boolean;
  readonly enabled: boolean;
  readonly createdAt: Date;
}

export const channelView = (c: NotificationChannel): ChannelView => ({ id: c.id, kind: c.kind, name: c.name, urlHint: redactUrl(c.url), hasSecret: c.secret !== "", enabled: c.enabled, createdAt: c.createdAt });

export interface NotificationServiceDeps {
  readonly repository: NotificationRepository;
  readonly organisations: Pick<OrganisationRepository, "findOrganisation">;
  readonly sender: AlarmSender;
  /** Refuses, at once, a URL whose host is an IP literal the policy would refuse at send time. */
  readonly destinations: DestinationPolicy;
  readonly verifier: TokenVerifier;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly newId?: () => string;
  /** Bound of a test message's POST. */
  readonly timeoutMs?: number;
}

export type NotificationService = ReturnType<typeof makeNotificationService>;

/**
 * Notification channels of the caller's organisation (organisation.manage) and what was delivered through
 * them (organisation.manage or device.keep, so the seal keeper sees it too). Another organisation's channel
 * reads as missing.
 */
export function makeNotificationService(deps: NotificationServiceDeps) {
  const { repository, organisations, sender, destinations, verifier, logger } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const newId = deps.newId ?? randomUUID;
  const timeoutMs = deps.timeoutMs ?? 10_000;

  const organisationOf = async (caller: Caller): Promise<string> => (await findCallerOrganisation(organisations, caller)).id;

  async function manager(context: CallContext): Promise<{ caller: Caller; organisationId: string }> {
    const caller = await authenticate(verifier, context);
    requirePermission(caller, "organisation.manage");
    return { caller, organisationId: await organisationOf(caller) };
  }

  function channelId(id: string): string {
    if (!UUID_PATTERN.test(id)) throw invalidArgument("invalid channel id", { violations: [{ field: "id", message: "must be a UUID" }] });
    return id.toLowerCase();
  }

  /** A host name can only be judged when it is resolved (at send time); an IP literal can be judged now. */
  function checkDestination(url: string | undefined): void {
    const violation = url === undefined ? undefined : destinationViolation(destinations, url);
    if (violation) throw invalidArgument("notification channel destination not allowed", { violations: [violation] });
  }

  async function ownChannel(organisationId: string, id: string): Promise<NotificationChannel> {
    const channel = await repository.findChannel(organisationId, channelId(id));
    if (!channel) throw notFound("notification channel not found");
    return channel;
  }

  return {
    async createChannel(context: CallContext, input: NewChannel): Promise<ChannelView> {
      const { caller, organisationId } = await manager(context);
      const kind = validateNewChannel(input);
      checkDestination(input.url);
      const channel: NotificationChannel = { id: newId(), organisationId, kind, name: input.name.trim(), url: input.url, secret: input.secret, enabled: true, createdAt: clock.now() };
      await repository.createChannel(channel);
      logger.info({ organisationId, channelId: channel.id, kind, target: redactUrl(channel.url), by: caller.userId }, "notification channel created");
      return channelView(channel);
    },

    async listChannels(context: CallContext): Promise<ChannelView[]> {
      const { organisationId } = await manager(context);
      return (await repository.listChannels(organisationId)).map(channelView);
    },

    async updateChannel(context: CallContext, id: string, changes: ChannelChanges): Promise<ChannelView> {
      const { caller, organisationId } = await manager(context);
      const current = await ownChannel(organisationId, id);
      validateChannelChanges(current.kind, changes);
      checkDestination(changes.url);
      const updated = await repository.updateChannel(organisationId, current.id, { ...changes, ...(changes.name === undefined ? {} : { name: changes.name.trim() }) });
      if (!updated) throw notFound("notification channel not found");
      logger.info({ organisationId, channelId: updated.id, target: redactUrl(updated.url), enabled: updated.enabled, by: caller.userId }, "notification channel changed");
      return channelView(updated);
    },

    async deleteChannel(context: CallContext, id: string): Promise<void> {
      const { caller, organisationId } = await manager(context);
      if (!(await repository.deleteChannel(organisationId, channelId(id)))) throw notFound("notification channel not found");
      logger.info({ organisationId, channelId: id, by: caller.userId }, "notification channel deleted");
    },

    /** Sends a test message now (not retried, not recorded) and says what the receiver answered. */
    async testChannel(context: CallContext, id: string): Promise<AttemptOutcome> {
      const { organisationId } = await manager(context);
      const channel = await ownChannel(organisationId, id);
      const now = clock.now();
      const { outcome } = await sendOnce(sender, channel, buildRequest(channel, testPayload(organisationId, `test-${newId()}`, now), now), timeoutMs);
      logger.info({ organisationId, channelId: channel.id, target: redactUrl(channel.url), ok: outcome.ok, status: outcome.status }, "notification channel tested");
      return outcome;
    },

    /** Newest first, at most `limit` (default 100, at most 500); `state` "" means every state. */
    async listDeliveries(context: CallContext, options: { state: string; limit: number }): Promise<AlarmDelivery[]> {
      const caller = await authenticate(verifier, context);
      if (!caller.permissions.has("organisation.manage") && !caller.permissions.has("device.keep")) throw permissionDenied("missing permission organisation.manage or device.keep");
      const violations = [];
      if (options.state !== "" && !(DELIVERY_STATES as readonly string[]).includes(options.state)) violations.push({ field: "state", message: `empty or one of ${DELIVERY_STATES.join(", ")}` });
      if (!Number.isInteger(options.limit) || options.limit < 0 || options.limit > LIST_LIMIT_MAX) violations.push({ field: "limit", message: `0 (default 100) to ${LIST_LIMIT_MAX}` });
      if (violations.length > 0) throw invalidArgument("invalid delivery list request", { violations });
      const organisationId = await organisationOf(caller);
      return repository.listDeliveries(organisationId, { ...(options.state === "" ? {} : { state: options.state as DeliveryState }), limit: options.limit || 100 });
    },
  };
}
