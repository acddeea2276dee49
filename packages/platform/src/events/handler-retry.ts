import { kindOf } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import { backoffDelay, type RetryPolicy } from "./backoff.js";
import { deadLetterOf, errorSummary } from "./dead-letters.js";
import type { BusMessage, DeliveredMessage } from "./event-bus.js";
import { isPassingFault } from "./handler-failure.js";

/** What a bus hands {@link deliverWithRetry} for one message. */
export interface Delivery {
  readonly message: DeliveredMessage;
  /** The logical consumer group id (before any namespace): it names the dead-letter topic. */
  readonly groupId: string;
  readonly policy: Required<RetryPolicy>;
  readonly logger: Logger;
  /** Extra log fields that locate the message on this bus (partition, offset). */
  readonly where: Readonly<Record<string, unknown>>;
  /** Runs the handler once; resolves false when the consumer stopped before a handler could run. */
  readonly attempt: () => Promise<boolean>;
  /** True once the consumer is stopping: the loop leaves without dead-lettering or committing. */
  readonly stopping: () => boolean;
  /** Waits `ms` between attempts, ending early when stopping (Kafka also heartbeats here). */
  readonly pause: (ms: number) => Promise<void>;
  /** Publishes a dead letter durably; throws if it could not. */
  readonly publishDeadLetter: (deadLetter: BusMessage) => Promise<void>;
}

/**
 * The one retry loop of both buses. Returns "handled" when a handler resolved, "dead-lettered" when the
 * message failed permanently `maxAttempts` times and its copy is durably in the group's dead-letter
 * topic, "stopped" when the consumer stopped first. The caller commits the message after the first two
 * and must not after "stopped". Passing faults ({@link isPassingFault}) are retried without bound.
 */
export async function deliverWithRetry(delivery: Delivery): Promise<"handled" | "dead-lettered" | "stopped"> {
  const { message, policy, logger } = delivery;
  const fields = { topic: message.topic, ...delivery.where, position: message.position };
  let permanentFailures = 0;
  let lastError: unknown;
  for (let attempt = 1; ; attempt += 1) {
    if (delivery.stopping()) return "stopped";
    try {
      if (!(await delivery.attempt())) return "stopped";
      return "handled";
    } catch (error) {
      // A handler failing because its resources close with the consumer says nothing about the message.
      if (delivery.stopping()) return "stopped";
      lastError = error;
      const delayMs = backoffDelay(attempt, policy);
      const summary = { ...fields, attempt, delayMs, errorKind: kindOf(error), error: errorSummary(error) };
      if (isPassingFault(error)) {
        // Retried forever, so an operator must see a fault that does not pass, without a line per attempt.
        if (attempt % policy.reportEvery === 0) logger.error(summary, "event handler still failing on a passing fault; retrying");
        else logger.warn(summary, "event handler failed on a passing fault; retrying");
      } else {
        permanentFailures += 1;
        if (permanentFailures >= policy.maxAttempts) {
          const dead = await publishDeadLetter(delivery, attempt, lastError);
          if (!dead) return "stopped";
          logger.error(
            { ...fields, messageKey: message.key, groupId: delivery.groupId, attempts: attempt, errorKind: kindOf(error), error: errorSummary(error) },
            "event dead-lettered",
          );
          return "dead-lettered";
        }
        logger.warn({ ...summary, failures: permanentFailures, maxAttempts: policy.maxAttempts }, "event handler failed; retrying");
      }
      await delivery.pause(delayMs);
    }
  }
}

/** Publishes the dead letter until the bus accepts it; false if the consumer stopped first. */
async function publishDeadLetter(delivery: Delivery, attempts: number, error: unknown): Promise<boolean> {
  const deadLetter = deadLetterOf(delivery.message, delivery.groupId, attempts, error);
  for (let attempt = 1; ; attempt += 1) {
    if (delivery.stopping()) return false;
    try {
      await delivery.publishDeadLetter(deadLetter);
      return true;
    } catch (publishError) {
      if (delivery.stopping()) return false;
      const delayMs = backoffDelay(attempt, delivery.policy);
      // The original stays uncommitted until this succeeds: nothing is lost, the key waits.
      delivery.logger.error(
        { topic: delivery.message.topic, ...delivery.where, deadLetterTopic: deadLetter.topic, attempt, delayMs, error: errorSummary(publishError) },
        "cannot publish a dead letter; retrying",
      );
      await delivery.pause(delayMs);
    }
  }
}
