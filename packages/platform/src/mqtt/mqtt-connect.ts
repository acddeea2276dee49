import { connect, type IClientOptions, type MqttClient } from "mqtt";
import { unauthenticated, unavailable } from "../errors/errors.js";
import { withTimeout } from "../util/with-timeout.js";

export interface BoundedConnectOptions {
  /** Names the broker in error messages, e.g. `Mosquitto at mqtt://127.0.0.1:1883`. */
  readonly brokerLabel: string;
  /** Upper bound for the first CONNACK. */
  readonly timeoutMs: number;
  /** Called with the client before it connects, to attach listeners that must not miss early messages. */
  readonly onCreated?: (client: MqttClient) => void;
}

// CONNACK codes meaning "who you are was not accepted" (3.1.1: 2, 4, 5; MQTT 5: 0x85, 0x86, 0x87, 0x8A, 0x8C).
const REFUSED_LOGIN_CODES = new Set([2, 4, 5, 0x85, 0x86, 0x87, 0x8a, 0x8c]);

/**
 * Connects with mqtt.js and settles within `timeoutMs`: resolves on the first CONNACK success, rejects with
 * Unauthenticated when the broker refuses the login and Unavailable for anything else. The client keeps
 * mqtt.js's own reconnect behaviour afterwards (as set in `options.reconnectPeriod`); a failed first attempt
 * is ended so nothing keeps retrying in the background.
 */
export function connectBounded(url: string, options: IClientOptions, bounds: BoundedConnectOptions): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = connect(url, { connectTimeout: bounds.timeoutMs, ...options });
    bounds.onCreated?.(client);
    const settle = (error: Error | undefined) => {
      clearTimeout(timer);
      client.removeListener("connect", onConnect);
      client.removeListener("error", onError);
      client.removeListener("close", onClose);
      if (error === undefined) {
        resolve(client);
      } else {
        client.end(true);
        reject(error);
      }
    };
    const onConnect = () => settle(undefined);
    const onError = (error: Error & { code?: unknown }) => {
      const code = typeof error.code === "number" ? error.code : undefined;
      settle(
        code !== undefined && REFUSED_LOGIN_CODES.has(code)
          ? unauthenticated(`${bounds.brokerLabel} refused the login (CONNACK code ${code})`, { cause: error })
          : unavailable(`cannot connect to ${bounds.brokerLabel}: ${error.message}`, { cause: error }),
      );
    };
    const onClose = () => settle(unavailable(`cannot connect to ${bounds.brokerLabel}: connection closed before CONNACK`));
    const timer = setTimeout(
      () => settle(unavailable(`cannot connect to ${bounds.brokerLabel}: no CONNACK within ${bounds.timeoutMs} ms`)),
      bounds.timeoutMs,
    );
    client.on("connect", onConnect);
    client.on("error", onError);
    client.on("close", onClose);
  });
}

/** Runs `operation` but gives up after `timeoutMs` with Unavailable naming the broker. */
export function withBrokerTimeout<T>(operation: Promise<T>, timeoutMs: number, what: string, brokerLabel: string): Promise<T> {
  return withTimeout(operation, timeoutMs, () => `${brokerLabel} did not answer ${what} within ${timeoutMs} ms`);
}

/** The failure reason code of a rejected SUBSCRIBE (0x80 and up), read from mqtt.js's error; undefined otherwise. */
export function refusedSubscribeCode(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { code, packet } = error as { code?: unknown; packet?: { granted?: unknown } };
  if (typeof code === "number" && code >= 0x80) return code;
  const granted = Array.isArray(packet?.granted) ? (packet.granted as unknown[]) : [];
  return granted.find((value): value is number => typeof value === "number" && value >= 0x80);
}
