import { invalidArgument } from "../errors/errors.js";

/**
 * Topic layout and access rules of the device protocol, shared by every {@link DeviceBroker}
 * implementation so the embedded broker and Mosquitto's roles enforce the same thing.
 *
 * ```
 * yunxi/v1/devices/{deviceId}/up/...     device -> platform (acks, events, telemetry, reported shadow)
 * yunxi/v1/devices/{deviceId}/down/...   platform -> device (commands, authorisations, desired shadow)
 * ```
 */
export const TOPIC_ROOT = "yunxi/v1";

/** Device ids are used verbatim as MQTT usernames, client ids and topic levels, so no wildcards or separators. */
export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Device secrets are machine-generated; the bounds reject empty and absurd values, not weak ones. */
export const DEVICE_SECRET_MIN_LENGTH = 16;
export const DEVICE_SECRET_MAX_LENGTH = 256;

/** Throws InvalidArgument unless `deviceId` is a valid device id. */
export function assertDeviceId(deviceId: unknown): asserts deviceId is string {
  if (typeof deviceId !== "string" || !DEVICE_ID_PATTERN.test(deviceId)) {
    throw invalidArgument("device id must be 1-64 characters from A-Z, a-z, 0-9, '_' and '-'", {
      violations: [{ field: "deviceId", message: "must match ^[A-Za-z0-9_-]{1,64}$" }],
    });
  }
}

/** Throws InvalidArgument unless `secret` is an acceptable device secret. The message never echoes the secret. */
export function assertDeviceSecret(secret: unknown): asserts secret is string {
  if (typeof secret !== "string" || secret.length < DEVICE_SECRET_MIN_LENGTH || secret.length > DEVICE_SECRET_MAX_LENGTH) {
    throw invalidArgument(
      `device secret must be a string of ${DEVICE_SECRET_MIN_LENGTH}-${DEVICE_SECRET_MAX_LENGTH} characters`,
      { violations: [{ field: "secret", message: "wrong type or length" }] },
    );
  }
}

/** `yunxi/v1/devices/{deviceId}` */
export function deviceTopicPrefix(deviceId: string): string {
  assertDeviceId(deviceId);
  return `${TOPIC_ROOT}/devices/${deviceId}`;
}

/** The filter covering everything a device may publish: `yunxi/v1/devices/{deviceId}/up/#`. */
export function deviceUpFilter(deviceId: string): string {
  return `${deviceTopicPrefix(deviceId)}/up/#`;
}

/** The filter covering everything a device may subscribe to: `yunxi/v1/devices/{deviceId}/down/#`. */
export function deviceDownFilter(deviceId: string): string {
  return `${deviceTopicPrefix(deviceId)}/down/#`;
}

/** True when `topic` is a concrete topic name (non-empty, no wildcards, no NUL). */
export function isValidTopicName(topic: string): boolean {
  return topic.length > 0 && Buffer.byteLength(topic) <= 65535 && !/[+#]/.test(topic) && !topic.includes("\u0000");
}

/** True when `filter` is a well-formed MQTT topic filter (`+` whole levels, `#` last and whole). */
export function isValidTopicFilter(filter: string): boolean {
  if (filter.length === 0 || Buffer.byteLength(filter) > 65535 || filter.includes("\u0000")) return false;
  const levels = filter.split("/");
  return levels.every((level, index) => {
    if (level.includes("#")) return level === "#" && index === levels.length - 1;
    if (level.includes("+")) return level === "+";
    return true;
  });
}

/**
 * MQTT topic matching. A `$share/{group}/` prefix is not understood here; `$`-topics are not matched by
 * leading wildcards, as the specification requires.
 */
export function topicMatchesFilter(filter: string, topic: string): boolean {
  const filterLevels = filter.split("/");
  const topicLevels = topic.split("/");
  if (topic.startsWith("$") && (filterLevels[0] === "+" || filterLevels[0] === "#")) return false;
  for (let index = 0; index < filterLevels.length; index++) {
    const level = filterLevels[index];
    if (level === "#") return true;
    const topicLevel = topicLevels[index];
    if (topicLevel === undefined) return false;
    if (level !== "+" && level !== topicLevel) return false;
  }
  return filterLevels.length === topicLevels.length;
}

/**
 * True when every topic `filter` could match also lies inside `scope` (a filter ending in `/#`).
 * Used for subscriptions: `yunxi/v1/devices/a/down/+` is inside `yunxi/v1/devices/a/down/#`,
 * `yunxi/v1/devices/+/down/#` is not.
 */
export function filterWithinScope(scope: string, filter: string): boolean {
  if (!scope.endsWith("/#")) throw new Error(`scope ${scope} must end in /#`);
  if (!isValidTopicFilter(filter)) return false;
  const scopeLevels = scope.slice(0, -2).split("/");
  const filterLevels = filter.split("/");
  // The scope's parent itself (`.../down`) is matched by `.../down/#` as well; `#` right after the
  // prefix would cover it too, so both are inside.
  if (filterLevels.length < scopeLevels.length) return false;
  return scopeLevels.every((level, index) => filterLevels[index] === level);
}

/** Device rule: publish only below its own `up/`. */
export function mayDevicePublish(deviceId: string, topic: string): boolean {
  return isValidTopicName(topic) && DEVICE_ID_PATTERN.test(deviceId) && topicMatchesFilter(deviceUpFilter(deviceId), topic);
}

/** Device rule: subscribe only below its own `down/`, with no wildcard reaching outside it. */
export function mayDeviceSubscribe(deviceId: string, filter: string): boolean {
  return DEVICE_ID_PATTERN.test(deviceId) && filterWithinScope(deviceDownFilter(deviceId), filter);
}

const PLATFORM_SCOPE = `${TOPIC_ROOT}/#`;

/** Platform rule: anything below `yunxi/v1/`. */
export function mayPlatformPublish(topic: string): boolean {
  return isValidTopicName(topic) && topicMatchesFilter(PLATFORM_SCOPE, topic);
}

/** Platform rule: any filter that stays below `yunxi/v1/`. */
export function mayPlatformSubscribe(filter: string): boolean {
  return filterWithinScope(PLATFORM_SCOPE, filter);
}
