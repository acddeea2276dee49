import { z } from "zod";

/**
 * An event namespace: lower-case letters, digits and inner dashes, at most 40 characters. It is short and
 * dot-free so a namespaced topic stays well under Kafka's 249-character limit and the namespace can be
 * told apart from the `yunxi.` part that follows it.
 */
export const EVENT_NAMESPACE_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

const EVENT_NAMESPACE_RULE =
  "must be 1-40 lower-case letters, digits or dashes, starting and ending with a letter or digit (e.g. prod-east)";

/** Why `namespace` is not a valid event namespace, or undefined when it is. */
export function eventNamespaceProblem(namespace: string): string | undefined {
  return EVENT_NAMESPACE_PATTERN.test(namespace) ? undefined : EVENT_NAMESPACE_RULE;
}

/** The zod schema of `YUNXI_EVENT_NAMESPACE`, so configuration and the Kafka bus apply one rule. */
export function eventNamespaceSchema() {
  return z.string().regex(EVENT_NAMESPACE_PATTERN, EVENT_NAMESPACE_RULE);
}

/**
 * Maps the bus's logical names (topics `yunxi.<service>.v1.<event>`, group ids) to the names a shared
 * broker sees. With a namespace both get the prefix `<namespace>.`, so installations (or test runs) on one
 * Kafka cluster neither split each other's consumer groups nor read each other's topics. Without one the
 * names are unchanged, which keeps existing installations on their existing topics and groups.
 */
export interface EventNames {
  readonly namespace: string | undefined;
  topic(logical: string): string;
  group(logical: string): string;
  /** The logical topic of a broker topic this bus subscribed to. */
  logicalTopic(physical: string): string;
}

/** {@link EventNames} for `namespace` (undefined or empty: no prefix). The caller validates the namespace. */
export function eventNames(namespace: string | undefined): EventNames {
  if (!namespace) {
    return { namespace: undefined, topic: (name) => name, group: (name) => name, logicalTopic: (name) => name };
  }
  const prefix = `${namespace}.`;
  return {
    namespace,
    topic: (name) => prefix + name,
    group: (name) => prefix + name,
    logicalTopic: (name) => (name.startsWith(prefix) ? name.slice(prefix.length) : name),
  };
}
