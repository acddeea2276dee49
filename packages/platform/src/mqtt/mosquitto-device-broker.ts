import { alreadyExists, isYunxiError, notFound } from "../errors/errors.js";
import type { Logger } from "../logging/logger.js";
import type { DeviceBroker, PlatformClientOptions, PlatformMqttClient } from "./device-broker.js";
import { assertDeviceId, assertDeviceSecret, deviceDownFilter, deviceUpFilter, TOPIC_ROOT } from "./device-topics.js";
import { connectBounded } from "./mqtt-connect.js";
import { MqttJsPlatformClient, trackPlatformClient } from "./mqtt-platform-client.js";
import { MosquittoDynamicSecurity, type DynsecCommand } from "./mosquitto-dynamic-security.js";

export interface MosquittoDeviceBrokerOptions {
  /** Where the platform (admin and platform clients) reaches Mosquitto, e.g. `mqtt://mosquitto:1883`. */
  readonly url: string;
  /** The URL handed to devices; default `url`. */
  readonly publicUrl?: string;
  /** A dynsec user holding the admin role (`$CONTROL/dynamic-security/#`). */
  readonly adminUsername: string;
  readonly adminPassword: string;
  /** The platform's MQTT user; created through dynsec if missing, with full access below `yunxi/v1/`. */
  readonly platformUsername: string;
  readonly platformPassword: string;
  /** Prefix of the roles this broker creates (`{prefix}platform`, `{prefix}device-{id}`); default `yunxi-`. */
  readonly rolePrefix?: string;
  /** Bound for connects and each dynsec command; default 5000 ms. */
  readonly timeoutMs?: number;
  readonly logger: Logger;
}

interface Acl {
  readonly acltype: "publishClientSend" | "publishClientReceive" | "subscribePattern" | "unsubscribePattern";
  readonly topic: string;
  readonly allow: boolean;
  readonly priority: number;
}

// Explicit denies so a device role is safe even where the broker's default ACL access is permissive;
// `#` does not match `$` topics, hence the `$CONTROL` and `$SYS` entries.
function catchAllDenies(): Acl[] {
  const denies: Acl[] = [];
  for (const topic of ["#", "$CONTROL/#", "$SYS/#"]) {
    denies.push({ acltype: "publishClientSend", topic, allow: false, priority: 0 });
    denies.push({ acltype: "subscribePattern", topic, allow: false, priority: 0 });
    denies.push({ acltype: "publishClientReceive", topic, allow: false, priority: 0 });
  }
  return denies;
}

function allowAll(filter: string): Acl[] {
  return [
    { acltype: "publishClientSend", topic: filter, allow: true, priority: 10 },
    { acltype: "subscribePattern", topic: filter, allow: true, priority: 10 },
    { acltype: "publishClientReceive", topic: filter, allow: true, priority: 10 },
    { acltype: "unsubscribePattern", topic: filter, allow: true, priority: 10 },
  ];
}

function deviceAcls(deviceId: string): Acl[] {
  const down = deviceDownFilter(deviceId);
  return [
    { acltype: "publishClientSend", topic: deviceUpFilter(deviceId), allow: true, priority: 10 },
    { acltype: "subscribePattern", topic: down, allow: true, priority: 10 },
    { acltype: "publishClientReceive", topic: down, allow: true, priority: 10 },
    { acltype: "unsubscribePattern", topic: down, allow: true, priority: 10 },
    ...catchAllDenies(),
  ];
}

/**
 * {@link DeviceBroker} on an external Mosquitto 2 with the dynamic security plugin. Each device becomes a dynsec
 * client (username = client id = device id) with its own role holding literal ACLs for its topics; the platform
 * user gets one role for everything below `yunxi/v1/`. Mosquitto disconnects a client itself when its password
 * changes or it is deleted, which gives rotation and revocation their "existing sessions end" half.
 */
export class MosquittoDeviceBroker implements DeviceBroker {
  readonly sessionsSurviveRestart = true;
  readonly brokerUrl: string;
  readonly #dynsec: MosquittoDynamicSecurity;
  readonly #options: MosquittoDeviceBrokerOptions;
  readonly #prefix: string;
  readonly #logger: Logger;
  readonly #platformClients = new Set<PlatformMqttClient>();
  #closed = false;
  #lastRepair = 0;

  private constructor(dynsec: MosquittoDynamicSecurity, options: MosquittoDeviceBrokerOptions, logger: Logger) {
    this.#dynsec = dynsec;
    this.#options = options;
    this.#prefix = options.rolePrefix ?? "yunxi-";
    this.#logger = logger;
    this.brokerUrl = options.publicUrl ?? options.url;
  }

  /** Connects the admin client and makes sure the platform user and role exist. */
  static async start(options: MosquittoDeviceBrokerOptions): Promise<MosquittoDeviceBroker> {
    const logger = options.logger.child({ component: "mosquitto-device-broker" });
    const dynsec = await MosquittoDynamicSecurity.connect({
      url: options.url,
      adminUsername: options.adminUsername,
      adminPassword: options.adminPassword,
      timeoutMs: options.timeoutMs,
      logger,
    });
    const broker = new MosquittoDeviceBroker(dynsec, options, logger);
    try {
      await broker.#warnIfPermissive();
      await broker.#ensurePlatformUser();
    } catch (error) {
      await dynsec.close();
      throw error;
    }
    return broker;
  }

  /** The dynsec role name of a device (`{prefix}device-{deviceId}`). */
  deviceRoleName(deviceId: string): string {
    return `${this.#prefix}device-${deviceId}`;
  }

  /** The dynsec role name of the platform user (`{prefix}platform`). */
  get platformRoleName(): string {
    return `${this.#prefix}platform`;
  }

  /** The admin connection, for tests and tools that must clean up what they created. */
  get dynamicSecurity(): MosquittoDynamicSecurity {
    return this.#dynsec;
  }

  async registerDevice(deviceId: string, secret: string): Promise<void> {
    assertDeviceId(deviceId);
    assertDeviceSecret(secret);
    const rolename = this.deviceRoleName(deviceId);
    await this.#ensureRole(rolename, `Yunxi device ${deviceId}`, deviceAcls(deviceId));
    try {
      await this.#dynsec.execute({
        command: "createClient",
        username: deviceId,
        password: secret,
        clientid: deviceId,
        textname: `Yunxi device ${deviceId}`,
        roles: [{ rolename, priority: 0 }],
      });
      this.#logger.info({ deviceId }, "device registered");
      return;
    } catch (error) {
      if (!isYunxiError(error, "AlreadyExists")) throw error;
    }
    await this.#assertDeviceClient(deviceId, "register");
    // Mosquitto disconnects the client itself when its password changes.
    await this.#dynsec.execute({ command: "setClientPassword", username: deviceId, password: secret });
    this.#logger.info({ deviceId }, "device secret rotated");
  }

  async revokeDevice(deviceId: string): Promise<void> {
    assertDeviceId(deviceId);
    await this.#assertDeviceClient(deviceId, "revoke");
    // deleteClient also disconnects the live session.
    await this.#dynsec.execute({ command: "deleteClient", username: deviceId });
    await this.#dynsec.execute({ command: "deleteRole", rolename: this.deviceRoleName(deviceId) }).catch((error: unknown) => {
      if (!isYunxiError(error, "NotFound")) throw error;
    });
    this.#logger.info({ deviceId }, "device revoked");
  }

  async connectPlatformClient(options: PlatformClientOptions): Promise<PlatformMqttClient> {
    const client = await MqttJsPlatformClient.connect(options, {
      url: this.#options.url,
      username: this.#options.platformUsername,
      password: this.#options.platformPassword,
      protocolVersion: 5,
      brokerLabel: `Mosquitto at ${this.#options.url}`,
      timeoutMs: this.#options.timeoutMs ?? 5000,
      logger: this.#logger,
      onLoginRefused: () => this.#repairPlatformUser(),
    });
    return trackPlatformClient(this.#platformClients, client);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#platformClients].map((client) => client.close()));
    await this.#dynsec.close();
  }

  /**
   * A broker whose dynsec file was replaced (restore, test-server restart) no longer knows the platform user;
   * re-creating it lets the platform clients' own reconnects succeed. At most once per 10 s.
   */
  #repairPlatformUser(): void {
    const now = Date.now();
    if (this.#closed || now - this.#lastRepair < 10_000) return;
    this.#lastRepair = now;
    this.#logger.warn({ username: this.#options.platformUsername }, "platform mqtt login refused; re-creating the platform user");
    this.#ensurePlatformUser().catch((error: unknown) =>
      this.#logger.error({ err: error }, "cannot re-create the platform mqtt user"),
    );
  }

  /** Only dynsec clients carrying their device role are devices; anything else (admin, platform) is left alone. */
  async #assertDeviceClient(deviceId: string, action: "register" | "revoke"): Promise<void> {
    let data;
    try {
      data = await this.#dynsec.execute({ command: "getClient", username: deviceId });
    } catch (error) {
      if (isYunxiError(error, "NotFound")) throw notFound(`device ${deviceId} is not registered with Mosquitto`);
      throw error;
    }
    const roles = (data.client as { roles?: { rolename?: unknown }[] } | undefined)?.roles ?? [];
    if (!roles.some((role) => role.rolename === this.deviceRoleName(deviceId))) {
      if (action === "revoke") throw notFound(`device ${deviceId} is not registered with Mosquitto`);
      throw alreadyExists(`Mosquitto already has a user ${deviceId} that is not a Yunxi device; refusing to change it`);
    }
  }

  async #ensureRole(rolename: string, textname: string, acls: readonly Acl[]): Promise<void> {
    try {
      await this.#dynsec.execute({ command: "createRole", rolename, textname, acls });
    } catch (error) {
      if (!isYunxiError(error, "AlreadyExists")) throw error;
    }
  }

  async #ensurePlatformUser(): Promise<void> {
    const { platformUsername: username, platformPassword: password } = this.#options;
    const rolename = this.platformRoleName;
    await this.#ensureRole(rolename, "Yunxi platform", allowAll(`${TOPIC_ROOT}/#`));
    const create: DynsecCommand = { command: "createClient", username, password, textname: "Yunxi platform", roles: [{ rolename }] };
    try {
      await this.#dynsec.execute(create);
      this.#logger.info({ username }, "platform mqtt user created");
      return;
    } catch (error) {
      if (!isYunxiError(error, "AlreadyExists")) throw error;
    }
    const data = await this.#dynsec.execute({ command: "getClient", username });
    const roles = (data.client as { roles?: { rolename?: unknown }[] } | undefined)?.roles ?? [];
    if (!roles.some((role) => role.rolename === rolename)) {
      await this.#dynsec.execute({ command: "addClientRole", username, rolename });
    }
    // Setting the password disconnects every live platform connection (other replicas too), so only when needed.
    if (!(await this.#platformLoginWorks())) {
      await this.#dynsec.execute({ command: "setClientPassword", username, password });
      this.#logger.info({ username }, "platform mqtt user password set");
    }
  }

  async #platformLoginWorks(): Promise<boolean> {
    try {
      const probe = await connectBounded(
        this.#options.url,
        {
          clientId: `platform.login-check-${process.pid}-${Date.now()}`,
          username: this.#options.platformUsername,
          password: this.#options.platformPassword,
          protocolVersion: 5,
          reconnectPeriod: 0,
        },
        { brokerLabel: `Mosquitto at ${this.#options.url}`, timeoutMs: this.#options.timeoutMs ?? 5000 },
      );
      probe.end(true);
      return true;
    } catch (error) {
      if (isYunxiError(error, "Unauthenticated")) return false;
      throw error;
    }
  }

  async #warnIfPermissive(): Promise<void> {
    const access = await this.#dynsec.defaultAclAccess();
    if (access.publishClientSend === true || access.subscribe === true) {
      // Device roles deny explicitly, but other users of the broker would not be confined.
      this.#logger.warn({ defaultAclAccess: access }, "mosquitto default ACL access allows publish or subscribe");
    }
  }
}
