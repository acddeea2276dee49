/**
 * The device broker port: the MQTT broker smart seals connect to, seen from the platform.
 *
 * Rules every implementation enforces (checked by one contract suite, `device-broker.contract.ts`):
 * - a device authenticates with username = client id = its device id and password = its secret;
 * - a device may publish only to `yunxi/v1/devices/{itsId}/up/#` and subscribe only to
 *   `yunxi/v1/devices/{itsId}/down/#` (see `device-topics.ts`);
 * - the platform client may publish and subscribe anywhere below `yunxi/v1/`;
 * - a revoked device, an unknown device and a wrong or rotated-away secret are refused at CONNECT;
 * - QoS 1 messages for a device with a persistent session are kept while it is offline.
 */
export interface DeviceBroker {
  /** The URL devices connect to, e.g. `mqtt://10.0.0.5:1883`. */
  readonly brokerUrl: string;

  /**
   * Whether a persistent session outlives a restart of the process that uses it. False for the embedded
   * broker, whose sessions live in this process's memory: asking it for one buys nothing and costs a scan
   * of the session's queue per message.
   */
  readonly sessionsSurviveRestart: boolean;

  /**
   * Allows `deviceId` to connect with `secret`. Idempotent; calling it again for a registered device
   * rotates the secret: the old one stops working and sessions opened with it are disconnected.
   * @throws InvalidArgument for a malformed device id or secret; Unavailable when the broker does not answer.
   */
  registerDevice(deviceId: string, secret: string): Promise<void>;

  /**
   * Refuses further connections of `deviceId` and disconnects its live session.
   * @throws InvalidArgument for a malformed id; NotFound when the device is not registered.
   */
  revokeDevice(deviceId: string): Promise<void>;

  /** Connects a platform client (full access below `yunxi/v1/`). Resolves once connected. */
  connectPlatformClient(options: PlatformClientOptions): Promise<PlatformMqttClient>;

  /** Closes platform clients this broker handed out and, for the embedded broker, the broker itself. */
  close(): Promise<void>;
}

export interface PlatformClientOptions {
  /**
   * Identifies this client to the broker (`[A-Za-z0-9_-]{1,64}`); the broker sees it as `platform.{clientId}`,
   * a name no device can take. Two live clients with one id replace each other, so use e.g. module plus replica.
   */
  readonly clientId: string;
  /**
   * Keep subscriptions and queued QoS 1 messages across reconnects (clean start off). Default false.
   */
  readonly persistentSession?: boolean;
}

export type MqttQos = 0 | 1;

export interface PlatformPublishOptions {
  readonly qos: MqttQos;
  readonly retain?: boolean;
}

/** A message delivered to a platform subscription. */
export interface DeviceBrokerMessage {
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly qos: number;
  readonly retain: boolean;
}

/**
 * Handles one message. For QoS 1 the broker's acknowledgement is sent after the returned promise settles,
 * so a crash mid-handler leads to redelivery on a persistent session. A thrown error is logged, not retried.
 */
export type DeviceBrokerMessageHandler = (message: DeviceBrokerMessage) => void | Promise<void>;

export interface PlatformSubscription {
  unsubscribe(): Promise<void>;
}

/** The platform's own MQTT connection. */
export interface PlatformMqttClient {
  /** The client id the broker sees (`platform.{clientId}`). */
  readonly mqttClientId: string;
  /**
   * Publishes below `yunxi/v1/`. QoS 1 resolves when the broker acknowledged it.
   * @throws InvalidArgument for a topic outside `yunxi/v1/` or with wildcards; Unavailable when not delivered.
   */
  publish(topic: string, payload: Uint8Array | string, options: PlatformPublishOptions): Promise<void>;
  /**
   * Subscribes with QoS 1 and routes matching messages to `handler`.
   * @throws InvalidArgument for a malformed filter or one reaching outside `yunxi/v1/`; PermissionDenied when
   * the broker refuses; Unavailable when it does not answer.
   */
  subscribe(topicFilter: string, handler: DeviceBrokerMessageHandler): Promise<PlatformSubscription>;
  close(): Promise<void>;
}
