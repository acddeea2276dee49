import type { FieldViolation } from "@yunxi/platform";

/**
 * Which addresses alarm deliveries may connect to. A tenant chooses the URL, so without this an
 * organisation administrator could make the service POST to cloud metadata, to the pod itself or to
 * anything else only the platform's network can reach (server-side request forgery).
 */

/** An IP network; IPv4-mapped IPv6 networks are stored as the IPv4 network they stand for. */
export interface Network {
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly prefix: number;
  /** As the operator (or the default table) wrote it, for messages. */
  readonly text: string;
}

interface Address {
  readonly family: 4 | 6;
  readonly value: bigint;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Decimal only, no leading zeros: "010" is octal to some parsers, and two readings of one address is how filters are bypassed.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  let head = text;
  let tail: bigint[] = [];
  const lastColon = head.lastIndexOf(":");
  if (head.includes(".")) {
    const v4 = parseIpv4(head.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    head = head.slice(0, lastColon + 1);
    // "::1.2.3.4" leaves "::", "a::1.2.3.4" leaves "a::", "a:b:...:1.2.3.4" leaves "a:...:" (drop that last colon).
    if (!head.endsWith("::")) head = head.slice(0, -1);
  }
  const halves = head.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): bigint[] | undefined => {
    if (half === undefined || half === "") return [];
    const out: bigint[] = [];
    for (const group of half.split(":")) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      out.push(BigInt(`0x${group}`));
    }
    return out;
  };
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  if (!left || !right) return undefined;
  const given = left.length + right.length + tail.length;
  if (halves.length === 2 ? given > 7 : given !== 8) return undefined;
  const all = [...left, ...Array<bigint>(8 - given).fill(0n), ...right, ...tail];
  return all.reduce((acc, group) => (acc << 16n) | group, 0n);
}

/** An IPv4 or IPv6 address in its usual text forms (a zone such as `%eth0` is ignored), or undefined. */
function parseAddress(text: string): Address | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (!bare.includes(":")) {
    const value = parseIpv4(bare);
    return value === undefined ? undefined : { family: 4, value };
  }
  const value = parseIpv6(bare.replace(/%[^%]*$/, ""));
  return value === undefined ? undefined : { family: 6, value };
}

/** Whether `text` is an IP address literal (IPv4 dotted quad or IPv6, brackets allowed). */
export function isIpLiteral(text: string): boolean {
  return parseAddress(text) !== undefined;
}

const MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96
const NAT64_PREFIX = 0x64ff9bn << 96n; // 64:ff9b::/96, the well-known NAT64 prefix
const LOW32 = 0xffffffffn;

/** The IPv4 address an IPv6 address carries and a host would reach: IPv4-mapped, or through the well-known NAT64 prefix. */
function embeddedIpv4(address: Address): Address | undefined {
  if (address.family !== 6) return undefined;
  const high = address.value >> 32n;
  if (high === MAPPED_PREFIX >> 32n || high === NAT64_PREFIX >> 32n) return { family: 4, value: address.value & LOW32 };
  return undefined;
}

/** A CIDR such as `10.0.0.0/8` or `fd00::/8`, or a bare address (one host); undefined when it is not one. */
export function parseNetwork(text: string): Network | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf("/");
  const address = parseAddress(slash < 0 ? trimmed : trimmed.slice(0, slash));
  if (!address) return undefined;
  const bits = BITS[address.family];
  const prefixText = slash < 0 ? String(bits) : trimmed.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  let family = address.family;
  let prefix = Number(prefixText);
  let value = address.value;
  if (family === 6 && prefix >= 96 && value >> 32n === MAPPED_PREFIX >> 32n) {
    family = 4;
    prefix -= 96;
    value &= LOW32;
  }
  const hostBits = BigInt(BITS[family] - prefix);
  // Host bits set ("10.1.2.3/8") are dropped, as routers do: the network is what the operator meant.
  return { family, base: (value >> hostBits) << hostBits, prefix, text: trimmed };
}

/**
 * A comma-separated list of CIDRs (blank entries ignored), or `none`: the networks, and the entries that are
 * not CIDRs. `none` exists because an empty variable reads as unset, which would bring back a mode's default.
 */
export function parseNetworkList(text: string): { networks: Network[]; invalid: string[] } {
  const networks: Network[] = [];
  const invalid: string[] = [];
  if (text.trim().toLowerCase() === "none") return { networks, invalid };
  for (const entry of text.split(",").map((e) => e.trim()).filter((e) => e !== "")) {
    const network = parseNetwork(entry);
    if (network) networks.push(network);
    else invalid.push(entry);
  }
  return { networks, invalid };
}

function contains(network: Network, address: Address): boolean {
  if (network.family !== address.family) return false;
  const hostBits = BigInt(BITS[network.family] - network.prefix);
  return address.value >> hostBits === network.base >> hostBits;
}

const defaults = (entries: ReadonlyArray<readonly [string, string]>) =>
  entries.map(([cidr, reason]) => ({ network: parseNetwork(cidr) as Network, reason }));

/**
 * Refused unless an operator allows them: addresses that reach the platform itself or its cloud rather
 * than a customer's receiver. Private ranges (10/8, 172.16/12, 192.168/16, fc00::/7) stay allowed: customers
 * run receivers on their intranet. The two metadata hosts outside link-local are Alibaba Cloud's and AWS's IPv6 one.
 */
export const DEFAULT_REFUSED_NETWORKS: ReadonlyArray<{ readonly network: Network; readonly reason: string }> = Object.freeze(
  defaults([
    ["0.0.0.0/8", "unspecified"],
    ["127.0.0.0/8", "loopback"],
    ["169.254.0.0/16", "link-local"],
    ["224.0.0.0/4", "multicast"],
    ["255.255.255.255/32", "broadcast"],
    ["100.100.100.200/32", "cloud metadata"],
    ["::/128", "unspecified"],
    ["::1/128", "loopback"],
    ["fe80::/10", "link-local"],
    ["ff00::/8", "multicast"],
    ["fd00:ec2::254/128", "cloud metadata"],
  ]),
);

export type DestinationVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

/** Judges one resolved address. */
export interface DestinationPolicy {
  judge(address: string): DestinationVerdict;
}

export interface DestinationPolicySettings {
  /** Allowed even though refused by default (e.g. `127.0.0.1/32` in development). */
  readonly allowed?: readonly Network[];
  /** Refused in addition to the defaults (e.g. the cluster's pod and service networks). */
  readonly denied?: readonly Network[];
}

/**
 * The most specific matching network decides (longest prefix); at equal length the operator's denial beats
 * the operator's allowance, which beats a default refusal. An address matching nothing is allowed. An
 * IPv6 address carrying an IPv4 one (mapped, NAT64) is refused when either form is.
 */
export function makeDestinationPolicy(settings: DestinationPolicySettings = {}): DestinationPolicy {
  const rules = [
    ...(settings.denied ?? []).map((network) => ({ network, rank: 2, verdict: { allowed: false, reason: `denied network ${network.text}` } as DestinationVerdict })),
    ...(settings.allowed ?? []).map((network) => ({ network, rank: 1, verdict: { allowed: true } as DestinationVerdict })),
    ...DEFAULT_REFUSED_NETWORKS.map(({ network, reason }) => ({ network, rank: 0, verdict: { allowed: false, reason } as DestinationVerdict })),
  ];
  function judgeOne(address: Address): DestinationVerdict {
    let best: (typeof rules)[number] | undefined;
    for (const rule of rules) {
      if (!contains(rule.network, address)) continue;
      if (!best || rule.network.prefix > best.network.prefix || (rule.network.prefix === best.network.prefix && rule.rank > best.rank)) best = rule;
    }
    return best?.verdict ?? { allowed: true };
  }
  return {
    judge(text: string): DestinationVerdict {
      const address = parseAddress(text);
      // Resolvers return addresses, never names; anything else cannot be judged, so it is not trusted.
      if (!address) return { allowed: false, reason: "not an IP address" };
      const direct = judgeOne(address);
      if (!direct.allowed) return direct;
      const embedded = embeddedIpv4(address);
      return embedded ? judgeOne(embedded) : direct;
    },
  };
}

/** Loopback, allowed by default only in embedded mode: a developer's test receiver runs on the same machine. */
export const EMBEDDED_ALLOWED_NETWORKS = "127.0.0.0/8,::1/128";

/**
 * The deployment's policy from ORGANISATION_ALARM_DELIVERY_ALLOWED_NETWORKS / _DENIED_NETWORKS (already
 * validated); `allowed` unset means loopback in embedded mode and nothing otherwise, the way identity's
 * development SMS provider is the embedded default only. `embeddedDefault` says that default was taken.
 */
export function destinationPolicyFromSettings(allowed: string | undefined, denied: string, embedded: boolean): { policy: DestinationPolicy; allowed: string; embeddedDefault: boolean } {
  const embeddedDefault = allowed === undefined && embedded;
  const effective = allowed ?? (embedded ? EMBEDDED_ALLOWED_NETWORKS : "none");
  return { policy: makeDestinationPolicy({ allowed: parseNetworkList(effective).networks, denied: parseNetworkList(denied).networks }), allowed: effective, embeddedDefault };
}

/** A delivery refused by the destination policy: final, since the same address will be refused again. */
export class DestinationRefused extends Error {
  override readonly name = "DestinationRefused";
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`destination ${address} is not allowed (${reason})`);
  }
}

/**
 * The policy's objection to a URL whose host is an IP literal, or undefined (a host name is only judged
 * when it is resolved at send time; an unparsable URL is `urlViolation`'s business).
 */
export function destinationViolation(policy: DestinationPolicy, value: string, field = "url"): FieldViolation | undefined {
  let hostname: string;
  try {
    hostname = new URL(value).hostname;
  } catch {
    return undefined;
  }
  if (!isIpLiteral(hostname)) return undefined;
  const bare = hostname.replace(/^\[|\]$/g, "");
  const verdict = policy.judge(bare);
  return verdict.allowed ? undefined : { field, message: `destination ${bare} is not allowed (${verdict.reason})` };
}
