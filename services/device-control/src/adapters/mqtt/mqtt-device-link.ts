import { TOPIC_ROOT, type DeviceBroker, type DeviceBrokerMessage, type Logger, type PlatformMqttClient, type PlatformSubscription } from "@yunxi/platform";
import type { DeviceControl } from "../../app/device-control-service.js";
import type { CommandTransport } from "../../app/ports.js";
import { DEVICE_ID_PATTERN } from "../../domain/device.js";
import { decodeCommandAck, decodeDeviceEvent, decodeHello, encodeEventAck } from "../protocol/device-protocol.js";

/** Device protocol v1 topic names (docs/device-protocol.md). */
export const deviceTopics = {
  commands: (deviceId: string) => `${TOPIC_ROOT}/devices/${deviceId}/down/commands`,
  acks: (deviceId: string) => `${TOPIC_ROOT}/devices/${deviceId}/down/acks`,
  up: `${TOPIC_ROOT}/devices/+/up/#`,
};

const UP_TOPIC = /^yunxi\/v1\/devices\/([^/]+)\/up\/(hello|acks|events|telemetry)$/;

/** Bounds of the work a {@link MqttDeviceLink} keeps under way. */
export interface MqttDeviceLinkOptions {
  /** Broker client id of the platform side; default `device-control`. */
  readonly clientId?: string;
  /**
   * Whether the receiving connection keeps its session (subscription and queued messages) across reconnects;
   * default true. Off on the embedded broker: aedes keeps sessions in memory, so they survive nothing a
   * clean one does not, and it scans a persistent session's whole queue for every message delivered and
   * acknowledged, which made a burst's backlog slower to drain the longer it grew.
   */
  readonly persistentSession?: boolean;
  /**
   * Device messages handled at once across the fleet (each device's still one at a time, in order); default 4.
   * Handling is mostly database work, and embedded PostgreSQL (PGlite) runs each statement on this thread:
   * more handlers at once add no throughput, they only make each turn of the event loop longer, and the
   * embedded broker and the gateway in the same process wait for those turns.
   */
  readonly maxConcurrentHandlers?: number;
  /**
   * Publishes (commands, event acks) waiting for the broker's PUBACK at once; default 256. Not lower: the
   * embedded broker reads the next publishes only after the previous ones went through its message queue,
   * so a small bound would let only that many acks through per pass of a long queue.
   */
  readonly maxInFlightPublishes?: number;
}

/**
 * A counting semaphore whose waiters run in arrival order. A release hands the slot on from a fresh
 * macrotask, never from inside the caller's stack: that caller may be a broker or client callback.
 */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next) setImmediate(next);
      else this.#free++;
    }
  }
}

/**
 * The platform's side of the device protocol over MQTT: publishes commands and event acks (QoS 1) and
 * routes what devices publish under `up/` to the use cases. The broker authenticated the device and
 * confined it to its own topics, so the device id in the topic is trusted. Messages of one device are
 * handled one at a time, in arrival order; different devices in parallel, at most
 * `maxConcurrentHandlers` at once.
 *
 * Two broker connections: one receives the fleet's traffic and never publishes, the other publishes.
 * On one connection a fleet pressing at once deadlocked the embedded broker (docs/benchmarks.md): aedes
 * reads a connection's next packets only after its previous publishes went through its message queue,
 * which the burst (and the devices' re-sends) made tens of thousands long. Our acks and commands waited
 * there, and behind them the PUBACKs and keep-alive pings of the connection we received on went unread;
 * after about a minute the broker dropped that connection, its subscription went, and draining the queued
 * messages (now for nobody) recursively overflowed the stack. The receiving connection now sends only
 * PUBACKs and pings, which the broker handles at once, so it stays however long the queue. (The publishing
 * connection may still be dropped in such a backlog; it has no subscription, and reconnects.)
 *
 * Under a burst the work is bounded too: handlers by `maxConcurrentHandlers`, publishes by
 * `maxInFlightPublishes`; event acks are coalesced per device (one ack publish under way per device; the
 * next carries every sequence stored meanwhile), and a re-sent event already waiting for its turn is not queued again.
 */
export class MqttDeviceLink implements CommandTransport {
  #receiver: PlatformMqttClient | undefined;
  #publisher: PlatformMqttClient | undefined;
  #subscription: PlatformSubscription | undefined;
  readonly #chains = new Map<string, Promise<void>>();
  // `${deviceId} ${sequence}` of events queued and not yet being handled: a re-send of one is dropped.
  readonly #waitingEvents = new Set<string>();
  // Per device: sequences stored and not yet in an ack, and whether its (one) ack publish is under way.
  readonly #acks = new Map<string, { readonly pending: Set<bigint>; publishing: boolean }>();
  readonly #acksUnderWay = new Set<Promise<void>>();
  readonly #handlers: Slots;
  readonly #publishes: Slots;
  readonly #clientId: string;
  readonly #persistentSession: boolean;
  #service: DeviceControl | undefined;

  constructor(
    private readonly broker: DeviceBroker,
    private readonly logger: Logger,
    settings: MqttDeviceLinkOptions = {},
  ) {
    this.#clientId = settings.clientId ?? "device-control";
    this.#persistentSession = settings.persistentSession ?? true;
    this.#handlers = new Slots(positive(settings.maxConcurrentHandlers, 4, "maxConcurrentHandlers"));
    this.#publishes = new Slots(positive(settings.maxInFlightPublishes, 256, "maxInFlightPublishes"));
  }

  /**
   * Connects the receiving side, with a persistent session unless told otherwise (device messages published
   * while this process restarts are then kept), and the publishing side (`{clientId}-out`) with a clean one:
   * what it publishes is sent again by the service anyway (pending commands on hello, acks for re-sent events).
   */
  async connect(): Promise<void> {
    this.#receiver = await this.broker.connectPlatformClient({ clientId: this.#clientId, persistentSession: this.#persistentSession });
    try {
      this.#publisher = await this.broker.connectPlatformClient({ clientId: `${this.#clientId}-out`, persistentSession: false });
    } catch (error) {
      await this.#receiver.close().catch(() => undefined);
      this.#receiver = undefined;
      throw error;
    }
  }

  /** Starts routing device traffic to `service`. */
  async listen(service: DeviceControl): Promise<void> {
    this.#service = service;
    const receiver = this.#receiver;
    if (!receiver) throw new Error("MqttDeviceLink is not connected");
    this.#subscription = await receiver.subscribe(deviceTopics.up, (message) => this.#enqueue(message));
  }

  async sendCommand(deviceId: string, envelope: Uint8Array): Promise<void> {
    const client = this.#requirePublisher();
    await this.#publishes.run(() => client.publish(deviceTopics.commands(deviceId), envelope, { qos: 1 }));
  }

  /**
   * Queues the acknowledgement and returns: the event is stored, and an ack that never arrives costs only
   * a re-sent event, which is acknowledged again (it is a duplicate then). A device has at most one ack
   * publish under way; sequences stored meanwhile all travel in its next one.
   */
  async acknowledgeEvents(deviceId: string, sequences: readonly bigint[]): Promise<void> {
    const client = this.#requirePublisher();
    let acks = this.#acks.get(deviceId);
    if (!acks) {
      acks = { pending: new Set(), publishing: false };
      this.#acks.set(deviceId, acks);
    }
    for (const sequence of sequences) acks.pending.add(sequence);
    if (acks.publishing) return;
    acks.publishing = true;
    const underWay: Promise<void> = this.#publishAcks(deviceId, acks, client).finally(() => this.#acksUnderWay.delete(underWay));
    this.#acksUnderWay.add(underWay);
  }

  /** Publishes the device's pending acks until none are left; a failed publish is logged, not retried. */
  async #publishAcks(deviceId: string, state: { readonly pending: Set<bigint>; publishing: boolean }, client: PlatformMqttClient): Promise<void> {
    try {
      while (state.pending.size > 0) {
        const batch = [...state.pending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        state.pending.clear();
        try {
          await this.#publishes.run(() => client.publish(deviceTopics.acks(deviceId), encodeEventAck(batch), { qos: 1 }));
        } catch (error) {
          this.logger.warn({ deviceId, err: error }, "event ack not confirmed by the broker in time; if it was lost, the device re-sends the event");
        }
      }
    } finally {
      // No await between the loop's last check and here, so nothing was added unseen.
      state.publishing = false;
      if (this.#acks.get(deviceId) === state) this.#acks.delete(deviceId);
    }
  }

  /** Waits until every queued event ack has been published or given up (tests, shutdown). */
  async flushAcks(): Promise<void> {
    while (this.#acksUnderWay.size > 0) await Promise.allSettled([...this.#acksUnderWay]);
  }

  async close(): Promise<void> {
    await this.#subscription?.unsubscribe().catch(() => undefined);
    await Promise.allSettled([...this.#chains.values()]);
    await this.flushAcks();
    await Promise.allSettled([this.#receiver?.close(), this.#publisher?.close()]);
    this.#receiver = undefined;
    this.#publisher = undefined;
  }

  /** The publishing connection; the receiving one never publishes (see the class comment). */
  #requirePublisher(): PlatformMqttClient {
    if (!this.#publisher) throw new Error("MqttDeviceLink is not connected");
    return this.#publisher;
  }

  #enqueue(message: DeviceBrokerMessage): Promise<void> {
    const match = UP_TOPIC.exec(message.topic);
    const deviceId = match?.[1];
    const kind = match?.[2];
    if (!deviceId || !kind || !DEVICE_ID_PATTERN.test(deviceId)) {
      this.logger.warn({ topic: message.topic }, "device message on an unknown topic dropped");
      return Promise.resolve();
    }
    // A device re-sends what is not acknowledged yet; while the first copy still waits its turn, handling
    // the copy too would only repeat the work (the first copy's ack answers both).
    const waitingKey = kind === "events" ? eventKey(deviceId, message.payload) : undefined;
    if (waitingKey !== undefined) {
      if (this.#waitingEvents.has(waitingKey)) return Promise.resolve();
      this.#waitingEvents.add(waitingKey);
    }
    const previous = this.#chains.get(deviceId) ?? Promise.resolve();
    const next = previous.then(() =>
      this.#handlers.run(() => {
        if (waitingKey !== undefined) this.#waitingEvents.delete(waitingKey);
        return this.#handle(deviceId, kind, message.payload);
      }),
    );
    this.#chains.set(deviceId, next);
    void next.finally(() => {
      if (this.#chains.get(deviceId) === next) this.#chains.delete(deviceId);
    });
    // Not awaited: mqtt.js reads no further packets until a handler settles, so waiting here would also
    // hold back the PUBACKs of the acks and commands we publish from it (a deadlock). Nothing is lost by
    // acknowledging early: the device keeps each event until our EventAck, and re-sends hello (and so
    // gets its pending commands again) on every connect.
    return Promise.resolve();
  }

  async #handle(deviceId: string, kind: string, payload: Uint8Array): Promise<void> {
    const service = this.#service;
    if (!service) return;
    try {
      switch (kind) {
        case "hello": {
          const hello = decodeHello(payload);
          if (hello.deviceId && hello.deviceId !== deviceId) {
            this.logger.warn({ deviceId }, "hello names another device; ignored");
            return;
          }
          const resent = await service.deviceHello(deviceId);
          this.logger.debug({ deviceId, resent, protocolVersion: hello.protocolVersion }, "device hello");
          return;
        }
        case "acks":
          await service.commandAcknowledged(deviceId, decodeCommandAck(payload));
          return;
        case "events":
          await service.deviceEvent(deviceId, decodeDeviceEvent(payload));
          return;
        case "telemetry":
          // Accepted and not stored yet (the device shadow comes with a later issue).
          return;
      }
    } catch (error) {
      // Payloads are never logged; a malformed message is dropped (a well-behaved device re-sends events).
      const kindOfError = (error as { kind?: string }).kind;
      if (kindOfError === "InvalidArgument") this.logger.warn({ deviceId, topic: kind, reason: (error as Error).message }, "malformed device message dropped");
      else this.logger.error({ deviceId, topic: kind, err: error }, "device message handling failed");
    }
  }
}

/** The waiting-event key of an up/events payload, or undefined when it does not decode (handled, and refused, as usual). */
function eventKey(deviceId: string, payload: Uint8Array): string | undefined {
  try {
    return `${deviceId} ${decodeDeviceEvent(payload).sequence}`;
  } catch {
    return undefined;
  }
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`MqttDeviceLink ${name} must be a whole number of at least 1`);
  return value;
}
