import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createServer, type AddressInfo, type Server } from "node:net";
import { Aedes, type AuthenticateError, type Client } from "aedes";
import { notFound, unavailable } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import type { DeviceBroker, PlatformClientOptions, PlatformMqttClient } from "./device-broker.js";
import {
  MemoryDeviceCredentialStore,
  makeSecretVerifier,
  verifySecret,
  type DeviceCredentialStore,
} from "./device-credential-store.js";
import {
  assertDeviceId,
  assertDeviceSecret,
  DEVICE_ID_PATTERN,
  mayDevicePublish,
  mayDeviceSubscribe,
  mayPlatformPublish,
  mayPlatformSubscribe,
} from "./device-topics.js";
import { MqttJsPlatformClient, trackPlatformClient } from "./mqtt-platform-client.js";
import { VerifiedSecretCache } from "./verified-secret-cache.js";

export interface AedesDeviceBrokerOptions {
  /** Address to listen on; default `127.0.0.1`. */
  readonly host?: string;
  /** TCP port; 0 picks a free one (tests). */
  readonly port: number;
  /** The URL handed to devices when they reach the broker through another address (NAT, Service); default the bound address. */
  readonly publicUrl?: string;
  /** Where device credentials live; default in memory. */
  readonly credentials?: DeviceCredentialStore;
  readonly logger: Logger;
  /** Bound for platform client connects and acknowledgements; default 5000 ms. */
  readonly timeoutMs?: number;
  /** Devices whose last proven secret is remembered, so their reconnects skip scrypt; default 10 000. */
  readonly verifiedSecretCacheSize?: number;
}

// `$` cannot occur in a device id, so no device can authenticate as the platform.
const PLATFORM_USERNAME = "$yunxi-platform";

type Identity = { readonly kind: "device"; readonly deviceId: string } | { readonly kind: "platform" };

const BAD_CREDENTIALS = 4;
const IDENTIFIER_REJECTED = 2;

function authError(returnCode: number, message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

function sha256(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

/**
 * The embedded {@link DeviceBroker}: aedes on a `node:net` server, with authentication against a
 * {@link DeviceCredentialStore} and the topic rules of `device-topics.ts` in aedes's authorize hooks.
 * Speaks MQTT 3.1.1 (and 3.1) only: aedes 1.x has no MQTT 5.
 */
export class AedesDeviceBroker implements DeviceBroker {
  readonly sessionsSurviveRestart = false;
  readonly brokerUrl: string;
  readonly #aedes: Aedes;
  readonly #server: Server;
  readonly #credentials: DeviceCredentialStore;
  readonly #logger: Logger;
  readonly #timeoutMs: number;
  readonly #localUrl: string;
  readonly #identities = new WeakMap<Client, Identity>();
  readonly #platformClients = new Set<PlatformMqttClient>();
  // Generated per process and never leaves it; the digest is what authentication compares against.
  readonly #platformPassword = randomBytes(32).toString("base64url");
  readonly #platformPasswordDigest = sha256(this.#platformPassword);
  // Compared against when a device is unknown, so an unknown id costs as much time as a wrong secret.
  readonly #dummyVerifier: Promise<string>;
  readonly #verified: VerifiedSecretCache;
  #closed = false;

  private constructor(aedes: Aedes, server: Server, localUrl: string, brokerUrl: string, options: AedesDeviceBrokerOptions) {
    this.#aedes = aedes;
    this.#server = server;
    this.#localUrl = localUrl;
    this.brokerUrl = brokerUrl;
    this.#credentials = options.credentials ?? new MemoryDeviceCredentialStore();
    this.#logger = options.logger.child({ component: "aedes-device-broker" });
    this.#timeoutMs = options.timeoutMs ?? 5000;
    this.#verified = new VerifiedSecretCache(options.verifiedSecretCacheSize ?? 10_000);
    this.#dummyVerifier = makeSecretVerifier(randomBytes(24).toString("base64url"));
    this.#dummyVerifier.catch(() => undefined);
  }

  /** Starts aedes and listens; resolves once the port is bound. */
  static async start(options: AedesDeviceBrokerOptions): Promise<AedesDeviceBroker> {
    const host = options.host ?? "127.0.0.1";
    // The hooks need the instance, which needs the bound address; `ref` closes that loop.
    const ref: { broker?: AedesDeviceBroker } = {};
    const aedes = await Aedes.createBroker({
      // Unbounded routing. With aedes's default (100 messages at once) a fleet's burst queued tens of
      // thousands of messages behind slow deliveries, FIFO, so the platform's own acks waited behind the
      // devices' re-sends; and mqemitter drains that queue recursively whenever a message completes at once
      // (no subscriber left), which overflowed the stack and killed the process (docs/benchmarks.md).
      concurrency: 0,
      authenticate: (client, username, password, done) => {
        const self = ref.broker;
        if (!self) return done(authError(3, "broker starting"), false);
        self.#authenticate(client, username, password).then(
          () => done(null, true),
          (error: AuthenticateError) => done(error, false),
        );
      },
      authorizePublish: (client, packet, callback) => {
        const self = ref.broker;
        const identity = client && self ? self.#identities.get(client) : undefined;
        const allowed =
          identity?.kind === "platform"
            ? mayPlatformPublish(packet.topic)
            : identity?.kind === "device" && mayDevicePublish(identity.deviceId, packet.topic);
        // MQTT 3.1.1 has no negative PUBACK: aedes closes the connection on an error here.
        callback(allowed ? null : new Error("publish not authorised"));
      },
      authorizeSubscribe: (client, subscription, callback) => {
        const self = ref.broker;
        const identity = self ? self.#identities.get(client) : undefined;
        const allowed =
          identity?.kind === "platform"
            ? mayPlatformSubscribe(subscription.topic)
            : identity?.kind === "device" && mayDeviceSubscribe(identity.deviceId, subscription.topic);
        // null (not an error) answers SUBACK 0x80 for this filter and keeps the connection.
        callback(null, allowed ? subscription : null);
      },
    });
    const server = createServer(aedes.handle);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(options.port, host, () => {
          server.removeListener("error", reject);
          resolve();
        });
      });
    } catch (error) {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      throw unavailable(`embedded MQTT broker cannot listen on ${host}:${options.port}`, { cause: error });
    }
    const address = server.address() as AddressInfo;
    const urlHost = (h: string) => (h.includes(":") ? `[${h}]` : h);
    const localHost = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
    const localUrl = `mqtt://${urlHost(localHost)}:${address.port}`;
    const self = new AedesDeviceBroker(aedes, server, localUrl, options.publicUrl ?? `mqtt://${urlHost(address.address)}:${address.port}`, options);
    ref.broker = self;
    self.#logger.info({ host: address.address, port: address.port }, "embedded device broker listening");
    return self;
  }

  async registerDevice(deviceId: string, secret: string): Promise<void> {
    assertDeviceId(deviceId);
    assertDeviceSecret(secret);
    this.#assertOpen();
    const verifier = await makeSecretVerifier(secret);
    this.#verified.forget(deviceId);
    const previous = await this.#credentials.get(deviceId);
    await this.#credentials.put({ deviceId, verifier, updatedAt: new Date() });
    if (previous) {
      // A rotated secret must not leave a session authenticated with the old one.
      this.#disconnectDevice(deviceId);
      this.#logger.info({ deviceId }, "device secret rotated");
    } else {
      this.#logger.info({ deviceId }, "device registered");
    }
  }

  async revokeDevice(deviceId: string): Promise<void> {
    assertDeviceId(deviceId);
    this.#assertOpen();
    this.#verified.forget(deviceId);
    const deleted = await this.#credentials.delete(deviceId);
    if (!deleted) throw notFound(`device ${deviceId} is not registered with the embedded broker`);
    this.#disconnectDevice(deviceId);
    this.#logger.info({ deviceId }, "device revoked");
  }

  async connectPlatformClient(options: PlatformClientOptions): Promise<PlatformMqttClient> {
    this.#assertOpen();
    const client = await MqttJsPlatformClient.connect(options, {
      url: this.#localUrl,
      username: PLATFORM_USERNAME,
      password: this.#platformPassword,
      protocolVersion: 4,
      brokerLabel: `embedded MQTT broker at ${this.#localUrl}`,
      timeoutMs: this.#timeoutMs,
      logger: this.#logger,
    });
    return trackPlatformClient(this.#platformClients, client);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#platformClients].map((client) => client.close()));
    await new Promise<void>((resolve) => this.#aedes.close(() => resolve()));
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#logger.info("embedded device broker closed");
  }

  #assertOpen(): void {
    if (this.#closed) throw unavailable("the embedded MQTT broker is closed");
  }

  #disconnectDevice(deviceId: string): void {
    // Device sessions always use the device id as client id (enforced at CONNECT), so this finds them all.
    const clients = (this.#aedes as unknown as { clients: Record<string, Client | undefined> }).clients;
    const client = clients[deviceId];
    if (client && this.#identities.get(client)?.kind === "device") client.close();
  }

  async #authenticate(client: Client, username: string | undefined, password: Buffer | undefined): Promise<void> {
    const presented = password?.toString("utf8") ?? "";
    if (username === PLATFORM_USERNAME) {
      const ok = timingSafeEqual(sha256(presented), this.#platformPasswordDigest) && client.id.startsWith("platform.");
      if (!ok) throw authError(BAD_CREDENTIALS, "bad user name or password");
      this.#identities.set(client, { kind: "platform" });
      return;
    }
    if (username === undefined || !DEVICE_ID_PATTERN.test(username)) {
      throw authError(BAD_CREDENTIALS, "bad user name or password");
    }
    // One client id per device: otherwise device A could take over (and so disconnect) device B's session.
    if (client.id !== username) {
      this.#logger.info({ deviceId: username }, "device refused: client id differs from device id");
      throw authError(IDENTIFIER_REJECTED, "client id must equal the device id");
    }
    const credential = await this.#credentials.get(username);
    // The stored verifier is read on every connect, so a cached success never outlives a rotation or revocation.
    if (credential && this.#verified.matches(username, presented, credential.verifier)) {
      this.#identities.set(client, { kind: "device", deviceId: username });
      return;
    }
    const ok = credential ? await verifySecret(credential.verifier, presented) : (await verifySecret(await this.#dummyVerifier, presented), false);
    // Re-read so a rotation or revocation that happened while scrypt ran is honoured.
    const current = ok ? await this.#credentials.get(username) : undefined;
    if (!ok || current?.verifier !== credential?.verifier) {
      this.#logger.info({ deviceId: username, known: credential !== undefined }, "device refused: bad credentials");
      throw authError(BAD_CREDENTIALS, "bad user name or password");
    }
    if (credential) this.#verified.remember(username, presented, credential.verifier);
    this.#identities.set(client, { kind: "device", deviceId: username });
  }
}
