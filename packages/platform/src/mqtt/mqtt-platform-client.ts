import type { IClientOptions, IPublishPacket, MqttClient } from "mqtt";
import { invalidArgument, isYunxiError, permissionDenied, unavailable } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import type {
  DeviceBrokerMessageHandler,
  PlatformClientOptions,
  PlatformMqttClient,
  PlatformPublishOptions,
  PlatformSubscription,
} from "./device-broker.js";
import { mayPlatformPublish, mayPlatformSubscribe, topicMatchesFilter } from "./device-topics.js";
import { connectBounded, refusedSubscribeCode, withBrokerTimeout } from "./mqtt-connect.js";

const PLATFORM_CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** The broker-side client id of a platform client; the `.` keeps it out of the device id space. */
export function platformMqttClientId(options: PlatformClientOptions): string {
  if (typeof options.clientId !== "string" || !PLATFORM_CLIENT_ID_PATTERN.test(options.clientId)) {
    throw invalidArgument("platform client id must be 1-64 characters from A-Z, a-z, 0-9, '_' and '-'", {
      violations: [{ field: "clientId", message: "must match ^[A-Za-z0-9_-]{1,64}$" }],
    });
  }
  return `platform.${options.clientId}`;
}

export interface MqttJsPlatformClientSettings {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly protocolVersion: 4 | 5;
  readonly brokerLabel: string;
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Called when a reconnect is refused for bad credentials, so the broker can repair the platform user. */
  readonly onLoginRefused?: () => void;
}

interface Route {
  readonly filter: string;
  readonly handler: DeviceBrokerMessageHandler;
}

/** {@link PlatformMqttClient} over mqtt.js, used by both broker implementations. */
export class MqttJsPlatformClient implements PlatformMqttClient {
  readonly mqttClientId: string;
  readonly #client: MqttClient;
  readonly #settings: MqttJsPlatformClientSettings;
  readonly #routes = new Set<Route>();
  #closed = false;

  private constructor(client: MqttClient, mqttClientId: string, settings: MqttJsPlatformClientSettings) {
    this.#client = client;
    this.mqttClientId = mqttClientId;
    this.#settings = settings;
    // Replacing handleMessage delays the QoS 1 PUBACK until the handlers have run.
    client.handleMessage = (packet: IPublishPacket, callback: (error?: Error) => void) => {
      this.#dispatch(packet).then(() => callback(), () => callback());
    };
    client.on("error", (error: Error & { code?: unknown }) => {
      settings.logger.warn({ err: error, mqttClientId }, "platform mqtt client error");
      if (error.code === 4 || error.code === 5 || error.code === 0x86 || error.code === 0x87) settings.onLoginRefused?.();
    });
  }

  /** Connects and resolves once the broker accepted the session; bounded by `settings.timeoutMs`. */
  static async connect(options: PlatformClientOptions, settings: MqttJsPlatformClientSettings): Promise<MqttJsPlatformClient> {
    const mqttClientId = platformMqttClientId(options);
    const persistent = options.persistentSession === true;
    const mqttOptions: IClientOptions = {
      clientId: mqttClientId,
      username: settings.username,
      password: settings.password,
      protocolVersion: settings.protocolVersion,
      clean: !persistent,
      reconnectPeriod: 1000,
      // mqtt.js stops for good after a refused CONNACK otherwise; a broker whose user table was restored
      // (or repaired through onLoginRefused) must get the platform back without a process restart.
      reconnectOnConnackError: true,
      resubscribe: !persistent,
      ...(settings.protocolVersion === 5 && persistent ? { properties: { sessionExpiryInterval: 24 * 3600 } } : {}),
    };
    const client = await connectBounded(settings.url, mqttOptions, {
      brokerLabel: settings.brokerLabel,
      timeoutMs: settings.timeoutMs,
    });
    return new MqttJsPlatformClient(client, mqttClientId, settings);
  }

  async publish(topic: string, payload: Uint8Array | string, options: PlatformPublishOptions): Promise<void> {
    if (typeof topic !== "string" || !mayPlatformPublish(topic)) {
      throw invalidArgument(`platform may publish only to concrete topics below yunxi/v1/, not "${String(topic)}"`);
    }
    if (options.qos !== 0 && options.qos !== 1) throw invalidArgument("qos must be 0 or 1");
    this.#assertOpen();
    const body = typeof payload === "string" ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
    try {
      await withBrokerTimeout(
        this.#client.publishAsync(topic, body, { qos: options.qos, retain: options.retain ?? false }),
        this.#settings.timeoutMs,
        `PUBLISH to ${topic}`,
        this.#settings.brokerLabel,
      );
    } catch (error) {
      throw unavailable(`${this.#settings.brokerLabel} did not accept a message for ${topic}`, { cause: error });
    }
  }

  async subscribe(topicFilter: string, handler: DeviceBrokerMessageHandler): Promise<PlatformSubscription> {
    if (typeof topicFilter !== "string" || !mayPlatformSubscribe(topicFilter)) {
      throw invalidArgument(`platform may subscribe only to valid filters below yunxi/v1/, not "${String(topicFilter)}"`);
    }
    this.#assertOpen();
    const route: Route = { filter: topicFilter, handler };
    // Routed before SUBACK so retained messages sent right after it are not lost.
    this.#routes.add(route);
    try {
      await withBrokerTimeout(
        this.#client.subscribeAsync(topicFilter, { qos: 1 }),
        this.#settings.timeoutMs,
        `SUBSCRIBE ${topicFilter}`,
        this.#settings.brokerLabel,
      );
    } catch (error) {
      this.#routes.delete(route);
      const code = refusedSubscribeCode(error);
      if (code !== undefined) {
        throw permissionDenied(`${this.#settings.brokerLabel} refused the subscription to ${topicFilter} (code ${code})`);
      }
      throw isYunxiError(error) ? error : unavailable(`cannot subscribe to ${topicFilter}`, { cause: error });
    }
    return {
      unsubscribe: async () => {
        if (!this.#routes.delete(route)) return;
        const stillRouted = [...this.#routes].some((other) => other.filter === topicFilter);
        if (!stillRouted && !this.#closed) {
          await withBrokerTimeout(
            this.#client.unsubscribeAsync(topicFilter),
            this.#settings.timeoutMs,
            `UNSUBSCRIBE ${topicFilter}`,
            this.#settings.brokerLabel,
          );
        }
      },
    };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#routes.clear();
    try {
      await withBrokerTimeout(this.#client.endAsync(), this.#settings.timeoutMs, "DISCONNECT", this.#settings.brokerLabel);
    } catch {
      // A broker that went away must not keep close() from finishing.
      this.#client.end(true);
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw unavailable(`platform mqtt client ${this.mqttClientId} is closed`);
  }

  async #dispatch(packet: IPublishPacket): Promise<void> {
    const payload = typeof packet.payload === "string" ? Buffer.from(packet.payload) : packet.payload;
    const message = { topic: packet.topic, payload, qos: packet.qos, retain: packet.retain };
    for (const route of [...this.#routes]) {
      if (!topicMatchesFilter(route.filter, packet.topic)) continue;
      try {
        await route.handler(message);
      } catch (error) {
        // Topic only: payloads may carry document data and never go to the log.
        this.#settings.logger.error({ err: error, topic: packet.topic, mqttClientId: this.mqttClientId }, "device broker message handler failed");
      }
    }
  }
}

/**
 * Registers a platform client with its broker: closing the client removes it from `clients`, and the
 * broker closes whatever is left in `clients` when it shuts down.
 */
export function trackPlatformClient<Client extends PlatformMqttClient>(clients: Set<PlatformMqttClient>, client: Client): Client {
  clients.add(client);
  const close = client.close.bind(client);
  return Object.assign(client, {
    close: async () => {
      clients.delete(client);
      await close();
    },
  });
}
