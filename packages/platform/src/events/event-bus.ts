/**
 * The event bus port. Two implementations: in-process (embedded default) and Kafka (cluster).
 * Semantics both must honour (checked by one contract suite):
 * - at-least-once: a message whose handler throws is delivered again, and later messages with the same key
 *   wait for it (no skipping), so consumers must be idempotent (see the processed-events helper);
 * - order holds per key (the aggregate id) within a topic;
 * - every consumer group receives every message; within a group each message goes to one member;
 * - headers are carried unchanged (event id, type, trace context).
 */
export interface BusMessage {
  /** `yunxi.<service>.v1.<event>` */
  readonly topic: string;
  /** Aggregate id (device id, application id): order holds per key. */
  readonly key: string;
  /** Protobuf-encoded payload. */
  readonly value: Uint8Array;
  readonly headers: Readonly<Record<string, string>>;
}

export interface DeliveredMessage extends BusMessage {
  /** Position within the topic/partition, for diagnostics only. */
  readonly position: string;
}

export interface SubscribeOptions {
  /** Consumer group: one delivery per group. Use the consuming module's name plus purpose. */
  readonly groupId: string;
  readonly topics: readonly string[];
  /** Start from the earliest retained message when the group has no committed position (default true). */
  readonly fromBeginning?: boolean;
  readonly handle: (message: DeliveredMessage) => Promise<void>;
}

export interface Subscription {
  close(): Promise<void>;
}

export interface EventBus {
  /** Resolves once the bus has durably accepted every message (Kafka: acks=all). */
  publish(messages: readonly BusMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  close(): Promise<void>;
}
