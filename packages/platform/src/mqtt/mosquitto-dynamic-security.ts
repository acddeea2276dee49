import { randomUUID } from "node:crypto";
import type { MqttClient } from "mqtt";
import { alreadyExists, failedPrecondition, isYunxiError, notFound, unavailable, type YunxiError } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import { connectBounded, withBrokerTimeout } from "./mqtt-connect.js";

const COMMAND_TOPIC = "$CONTROL/dynamic-security/v1";
const RESPONSE_TOPIC = "$CONTROL/dynamic-security/v1/response";

/** One dynamic-security command, e.g. `{ command: "createClient", username, password, roles }`. */
export type DynsecCommand = { readonly command: string } & Readonly<Record<string, unknown>>;

/** The `data` part of a successful answer (present for get/list commands). */
export type DynsecData = Readonly<Record<string, unknown>>;

export interface MosquittoDynamicSecurityOptions {
  readonly url: string;
  readonly adminUsername: string;
  readonly adminPassword: string;
  /** Bound for connecting and for each command's answer; default 5000 ms. */
  readonly timeoutMs?: number;
  /** MQTT version of the admin connection; the plugin answers on both. Default 5. */
  readonly protocolVersion?: 4 | 5;
  readonly logger: Logger;
}

interface Pending {
  readonly command: string;
  readonly resolve: (data: DynsecData) => void;
  readonly reject: (error: YunxiError) => void;
}

/** Maps the plugin's error strings onto the error vocabulary; the string itself stays in the message. */
function errorFor(command: string, brokerLabel: string, text: string): YunxiError {
  const message = `${brokerLabel} refused ${command}: ${text}`;
  if (/already exists/i.test(text)) return alreadyExists(message);
  if (/not found/i.test(text)) return notFound(message);
  return failedPrecondition(message);
}

/**
 * A client for Mosquitto 2's dynamic security plugin: JSON commands published to `$CONTROL/dynamic-security/v1`
 * as an admin user, answers read from `.../response` and matched by `correlationData`. Every command is bounded
 * by the timeout and fails with Unavailable naming the broker. Command payloads can carry passwords, so they
 * are never logged; only command names and user/role names are.
 */
export class MosquittoDynamicSecurity {
  readonly brokerLabel: string;
  readonly #client: MqttClient;
  readonly #timeoutMs: number;
  readonly #logger: Logger;
  readonly #pending = new Map<string, Pending>();
  #closed = false;

  private constructor(client: MqttClient, brokerLabel: string, timeoutMs: number, logger: Logger) {
    this.#client = client;
    this.brokerLabel = brokerLabel;
    this.#timeoutMs = timeoutMs;
    this.#logger = logger;
    client.on("message", (topic, payload) => {
      if (topic === RESPONSE_TOPIC) this.#onResponse(payload);
    });
    client.on("error", (error) => logger.warn({ err: error }, "mosquitto dynsec admin connection error"));
    client.on("close", () => {
      // An answer lost with the connection would otherwise only surface as a timeout.
      for (const [id, pending] of this.#pending) {
        this.#pending.delete(id);
        pending.reject(unavailable(`${brokerLabel}: connection lost before ${pending.command} was answered`));
      }
    });
  }

  /** Connects as the admin user and subscribes to the response topic; bounded by the timeout. */
  static async connect(options: MosquittoDynamicSecurityOptions): Promise<MosquittoDynamicSecurity> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const brokerLabel = `Mosquitto dynamic security at ${options.url}`;
    const client = await connectBounded(
      options.url,
      {
        clientId: `yunxi-dynsec-${randomUUID()}`,
        username: options.adminUsername,
        password: options.adminPassword,
        protocolVersion: options.protocolVersion ?? 5,
        clean: true,
        reconnectPeriod: 1000,
        reconnectOnConnackError: true,
      },
      { brokerLabel, timeoutMs },
    );
    try {
      await withBrokerTimeout(client.subscribeAsync(RESPONSE_TOPIC, { qos: 1 }), timeoutMs, `SUBSCRIBE ${RESPONSE_TOPIC}`, brokerLabel);
    } catch (error) {
      client.end(true);
      throw unavailable(`${brokerLabel}: cannot subscribe to ${RESPONSE_TOPIC}; is the user an admin?`, { cause: error });
    }
    return new MosquittoDynamicSecurity(client, brokerLabel, timeoutMs, options.logger);
  }

  /**
   * Runs one command and resolves with its `data` (empty object when there is none).
   * @throws AlreadyExists / NotFound / FailedPrecondition from the plugin's answer; Unavailable on timeout.
   */
  async execute(command: DynsecCommand): Promise<DynsecData> {
    if (this.#closed) throw unavailable(`${this.brokerLabel}: admin connection is closed`);
    const correlationData = randomUUID();
    const answer = new Promise<DynsecData>((resolve, reject) => {
      this.#pending.set(correlationData, { command: command.command, resolve, reject });
    });
    try {
      await this.#client.publishAsync(COMMAND_TOPIC, JSON.stringify({ commands: [{ ...command, correlationData }] }), { qos: 1 });
      return await withBrokerTimeout(answer, this.#timeoutMs, command.command, this.brokerLabel);
    } catch (error) {
      throw isYunxiError(error) ? error : unavailable(`${this.brokerLabel}: cannot send ${command.command}`, { cause: error });
    } finally {
      this.#pending.delete(correlationData);
    }
  }

  /** The broker's default ACL access (`publishClientSend`, `subscribe`, ...), to warn about permissive setups. */
  async defaultAclAccess(): Promise<Readonly<Record<string, boolean>>> {
    const data = await this.execute({ command: "getDefaultACLAccess" });
    const entries = Array.isArray(data.acls) ? (data.acls as { acltype?: unknown; allow?: unknown }[]) : [];
    return Object.fromEntries(
      entries.filter((entry) => typeof entry.acltype === "string").map((entry) => [entry.acltype as string, entry.allow === true]),
    );
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await withBrokerTimeout(this.#client.endAsync(), this.#timeoutMs, "DISCONNECT", this.brokerLabel);
    } catch {
      this.#client.end(true);
    }
  }

  #onResponse(payload: Buffer): void {
    let responses: unknown;
    try {
      responses = (JSON.parse(payload.toString("utf8")) as { responses?: unknown }).responses;
    } catch {
      this.#logger.warn("unparseable mosquitto dynsec response");
      return;
    }
    if (!Array.isArray(responses)) return;
    for (const response of responses as { command?: unknown; error?: unknown; data?: unknown; correlationData?: unknown }[]) {
      // Anything without one of our correlation ids is not an answer we wait for.
      if (typeof response.correlationData !== "string") continue;
      const pending = this.#pending.get(response.correlationData);
      if (!pending) continue;
      this.#pending.delete(response.correlationData);
      if (typeof response.error === "string" && response.error.length > 0) {
        pending.reject(errorFor(pending.command, this.brokerLabel, response.error));
      } else {
        pending.resolve(typeof response.data === "object" && response.data !== null ? (response.data as DynsecData) : {});
      }
    }
  }
}
