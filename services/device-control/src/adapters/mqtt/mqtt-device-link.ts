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

/**
 * The platform's side of the device protocol over MQTT: publishes commands and event acks (QoS 1) and
 * routes what devices publish under `up/` to the use cases. The broker authenticated the device and
 * confined it to its own topics, so the device id in the topic is trusted. Messages of one device are
 * handled one at a time, in arrival order; different devices in parallel.
 */
export class MqttDeviceLink implements CommandTransport {
  #client: PlatformMqttClient | undefined;
  #subscription: PlatformSubscription | undefined;
  readonly #chains = new Map<string, Promise<void>>();
  #service: DeviceControl | undefined;

  constructor(
    private readonly broker: DeviceBroker,
    private readonly logger: Logger,
    private readonly clientId = "device-control",
  ) {}

  /** Connects with a persistent session so device messages published while this process restarts are kept. */
  async connect(): Promise<void> {
    this.#client = await this.broker.connectPlatformClient({ clientId: this.clientId, persistentSession: true });
  }

  /** Starts routing device traffic to `service`. */
  async listen(service: DeviceControl): Promise<void> {
    this.#service = service;
    this.#subscription = await this.#requireClient().subscribe(deviceTopics.up, (message) => this.#enqueue(message));
  }

  async sendCommand(deviceId: string, envelope: Uint8Array): Promise<void> {
    await this.#requireClient().publish(deviceTopics.commands(deviceId), envelope, { qos: 1 });
  }

  async acknowledgeEvents(deviceId: string, sequences: readonly bigint[]): Promise<void> {
    await this.#requireClient().publish(deviceTopics.acks(deviceId), encodeEventAck(sequences), { qos: 1 });
  }

  async close(): Promise<void> {
    await this.#subscription?.unsubscribe().catch(() => undefined);
    await Promise.allSettled([...this.#chains.values()]);
    await this.#client?.close();
    this.#client = undefined;
  }

  #requireClient(): PlatformMqttClient {
    if (!this.#client) throw new Error("MqttDeviceLink is not connected");
    return this.#client;
  }

  #enqueue(message: DeviceBrokerMessage): Promise<void> {
    const match = UP_TOPIC.exec(message.topic);
    const deviceId = match?.[1];
    const kind = match?.[2];
    if (!deviceId || !kind || !DEVICE_ID_PATTERN.test(deviceId)) {
      this.logger.warn({ topic: message.topic }, "device message on an unknown topic dropped");
      return Promise.resolve();
    }
    const previous = this.#chains.get(deviceId) ?? Promise.resolve();
    const next = previous.then(() => this.#handle(deviceId, kind, message.payload));
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
