import type { Logger } from "@yunxi/platform";
import { alarmPayload, buildRequest, DEFAULT_RETRY_POLICY, judgeResponse, nextAttemptAt, redactUrl, type Alarm, type AttemptOutcome, type NotificationChannel, type OutgoingRequest, type RetryPolicy } from "../domain/notification.js";
import { DestinationRefused } from "../domain/destination-policy.js";
import type { AlarmSender, Clock, DueDelivery, NotificationRepository } from "./ports.js";

export interface AlarmDeliveryDeps {
  readonly repository: NotificationRepository;
  readonly sender: AlarmSender;
  readonly logger: Logger;
  readonly clock?: Clock;
  /** In [0, 1): retry jitter. */
  readonly random?: () => number;
  readonly policy?: RetryPolicy;
  /** Bound of one POST. */
  readonly timeoutMs?: number;
  /** Deliveries claimed and sent per round. */
  readonly batchSize?: number;
}

export type AlarmDelivery = ReturnType<typeof makeAlarmDelivery>;

/**
 * One POST to the channel's receiver, its answer judged; a failure to send becomes a failed outcome.
 * `refused`: the destination policy refused the receiver's address.
 */
export async function sendOnce(sender: AlarmSender, channel: NotificationChannel, request: OutgoingRequest, timeoutMs: number): Promise<{ outcome: AttemptOutcome; refused: boolean }> {
  try {
    const answer = await sender.post(request, timeoutMs);
    return { outcome: judgeResponse(channel.kind, answer.status, answer.body), refused: false };
  } catch (error) {
    return { outcome: { ok: false, status: 0, error: error instanceof Error ? error.message.slice(0, 200) : "send failed" }, refused: error instanceof DestinationRefused };
  }
}

/**
 * Alarm delivery in two halves, so a slow or dead receiver never holds up the event bus: `record` (called
 * by the consumers) only stores a pending delivery per channel; `deliverDue` (called by the worker) claims
 * due deliveries, POSTs them with a bounded timeout and records the outcome, retrying with backoff until the
 * policy gives up and the delivery is `failed` (at once when the destination policy refuses the receiver's address).
 */
export function makeAlarmDelivery(deps: AlarmDeliveryDeps) {
  const { repository, sender, logger } = deps;
  const clock = deps.clock ?? { now: () => new Date() };
  const random = deps.random ?? Math.random;
  const policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const batchSize = deps.batchSize ?? 20;
  // A claim outlives the slowest send by a margin; a worker that dies mid-send releases it when it ends.
  const leaseMs = timeoutMs + 30_000;

  async function attempt(due: DueDelivery): Promise<void> {
    const { delivery, channel } = due;
    const now = clock.now();
    const attempts = delivery.attempts + 1;
    let outcome: AttemptOutcome;
    // A refused destination stays refused until someone changes the channel or the policy: retrying only adds noise.
    let final = !channel.enabled;
    if (!channel.enabled) {
      outcome = { ok: false, status: 0, error: "channel disabled" };
    } else {
      const sent = await sendOnce(sender, channel, buildRequest(channel, alarmPayload(delivery.alarm), now), timeoutMs);
      outcome = sent.outcome;
      if (sent.refused) final = true;
    }
    const fields = { deliveryId: delivery.id, eventId: delivery.alarm.eventId, channelId: channel.id, kind: channel.kind, target: redactUrl(channel.url), attempts };
    if (outcome.ok) {
      await repository.recordAttempt(delivery.id, { state: "delivered", attempts, nextAttemptAt: now, lastError: "", lastStatus: outcome.status, deliveredAt: clock.now() });
      logger.info({ ...fields, status: outcome.status }, "alarm delivered");
      return;
    }
    const next = final ? undefined : nextAttemptAt(policy, delivery.createdAt, attempts, now, random());
    await repository.recordAttempt(delivery.id, { state: next ? "pending" : "failed", attempts, nextAttemptAt: next ?? now, lastError: outcome.error, lastStatus: outcome.status, deliveredAt: undefined });
    if (next) logger.warn({ ...fields, status: outcome.status, error: outcome.error, nextAttemptAt: next.toISOString() }, "alarm delivery failed; will retry");
    else logger.error({ ...fields, status: outcome.status, error: outcome.error }, "alarm delivery given up");
  }

  return {
    /** Stores a pending delivery per enabled channel of the alarm's organisation; idempotent per event. */
    async record(alarm: Alarm): Promise<number> {
      const created = await repository.recordAlarm(alarm, clock.now());
      if (created > 0) logger.info({ eventId: alarm.eventId, organisationId: alarm.organisationId, kind: alarm.kind, deliveries: created }, "alarm recorded for delivery");
      return created;
    },

    /** One round: claims what is due and sends it (concurrently, each bounded). Returns how many were attempted. */
    async deliverDue(): Promise<number> {
      const now = clock.now();
      const due = await repository.claimDue(now, batchSize, new Date(now.getTime() + leaseMs));
      await Promise.all(
        due.map((d) =>
          attempt(d).catch((error: unknown) => {
            // Recording the outcome failed (database away): the claim's lease brings the delivery back.
            logger.error({ deliveryId: d.delivery.id, err: error }, "alarm delivery outcome not recorded");
          }),
        ),
      );
      return due.length;
    },
  };
}

/**
 * Runs `deliverDue` every `intervalMs` and whenever nudged (a consumer just recorded an alarm); rounds never
 * overlap. `stop` waits for the round in progress.
 */
export class DeliveryWorker {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #again = false;
  #stopped = true;

  constructor(
    private readonly delivery: Pick<AlarmDelivery, "deliverDue">,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  nudge(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#round(), ms);
  }

  async #round(): Promise<void> {
    if (this.#stopped || this.#running) return;
    this.#running = (async () => {
      try {
        // A full batch means more may be due: go again at once rather than a poll interval later.
        for (let rounds = 0; rounds < 50 && !this.#stopped; rounds++) {
          this.#again = false;
          const attempted = await this.delivery.deliverDue();
          if (attempted === 0 && !this.#again) break;
        }
      } catch (error) {
        this.logger.error({ err: error }, "alarm delivery round failed");
      }
    })();
    await this.#running;
    this.#running = undefined;
    if (!this.#stopped) this.#schedule(this.#again ? 0 : this.intervalMs);
  }
}
