import { invalidArgument, kindOf } from "../errors/errors.js";
import type { BusMessage, DeliveredMessage } from "./event-bus.js";

/**
 * Dead letters: a message whose handler failed permanently `maxAttempts` times is copied, with its key,
 * value and headers, to its consumer group's dead-letter topic, and only then committed, so its key moves
 * on and nothing is lost. An operator lists and replays them (`npm run dead-letters`).
 */

/** Prefix of every dead-letter topic; the group id follows. Namespaced like every topic on Kafka. */
export const DEAD_LETTER_TOPIC_PREFIX = "yunxi.dead-letters.v1.";

/**
 * How long a bus keeps dead letters (default of both buses' `deadLetterRetentionMs`): far longer than
 * ordinary messages (7 days), so an operator back from a holiday still finds them.
 */
export const DEFAULT_DEAD_LETTER_RETENTION_MS = 90 * 24 * 3600_000;

/** The dead-letter topic of consumer group `groupId` (the logical group id, before any namespace). */
export function deadLetterTopic(groupId: string): string {
  return DEAD_LETTER_TOPIC_PREFIX + groupId;
}

/**
 * The consumer group whose committed position marks how far a group's dead letters were replayed. It is
 * its own group, so replaying never moves the failing group and listing never moves anything.
 */
export function deadLetterReplayGroup(groupId: string): string {
  return `yunxi.dead-letters-replay.${groupId}`;
}

/** Headers the bus adds to a dead letter; replay removes them again. */
export const DEAD_LETTER_HEADERS = {
  topic: "x-dead-letter-topic",
  position: "x-dead-letter-position",
  group: "x-dead-letter-group",
  attempts: "x-dead-letter-attempts",
  errorKind: "x-dead-letter-error-kind",
  error: "x-dead-letter-error",
  time: "x-dead-letter-time",
} as const;

const HEADER_PREFIX = "x-dead-letter-";

/** Bound on the error text carried in a header and logged: enough to recognise it, not a stack dump. */
const MAX_ERROR_TEXT = 500;

/** `Name: message` of a handler's error, bounded; the payload itself is never part of it. */
export function errorSummary(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT - 1)}…` : text;
}

/** The message a bus publishes for `delivered` after `attempts` attempts of group `groupId` ended in `error`. */
export function deadLetterOf(
  delivered: DeliveredMessage,
  groupId: string,
  attempts: number,
  error: unknown,
  now: Date = new Date(),
): BusMessage {
  return {
    topic: deadLetterTopic(groupId),
    key: delivered.key,
    value: delivered.value,
    headers: {
      ...delivered.headers,
      [DEAD_LETTER_HEADERS.topic]: delivered.topic,
      [DEAD_LETTER_HEADERS.position]: delivered.position,
      [DEAD_LETTER_HEADERS.group]: groupId,
      [DEAD_LETTER_HEADERS.attempts]: String(attempts),
      // A plain Error or TypeError is an Internal in the error vocabulary; its name is in the summary.
      [DEAD_LETTER_HEADERS.errorKind]: kindOf(error),
      [DEAD_LETTER_HEADERS.error]: errorSummary(error),
      [DEAD_LETTER_HEADERS.time]: now.toISOString(),
    },
  };
}

/** A message in a dead-letter topic, with what the bus recorded about its failure. */
export interface DeadLetter {
  /** The topic the message was published to, where replay publishes it again. */
  readonly topic: string;
  readonly key: string;
  readonly value: Uint8Array;
  /** The original headers, without the `x-dead-letter-*` ones. */
  readonly headers: Readonly<Record<string, string>>;
  /** The consumer group whose handler failed. */
  readonly groupId: string;
  /** Where the message was in its original topic. */
  readonly originalPosition: string;
  readonly attempts: number;
  /** Error kind of the last failure (`Internal` for a plain Error). */
  readonly errorKind: string;
  /** `Name: message` of the last failure. */
  readonly error: string;
  /** When it was dead-lettered, ISO-8601 UTC. */
  readonly deadLetteredAt: string;
  /** Where it is in the dead-letter topic. */
  readonly position: string;
}

/** Reads a message of a dead-letter topic; a message the bus did not write there is an InvalidArgument. */
export function parseDeadLetter(message: DeliveredMessage): DeadLetter {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (!name.startsWith(HEADER_PREFIX)) headers[name] = value;
  }
  const topic = message.headers[DEAD_LETTER_HEADERS.topic];
  if (!topic) {
    throw invalidArgument(`message at ${message.topic} ${message.position} is not a dead letter: no ${DEAD_LETTER_HEADERS.topic} header`);
  }
  return {
    topic,
    key: message.key,
    value: message.value,
    headers,
    groupId: message.headers[DEAD_LETTER_HEADERS.group] ?? "",
    originalPosition: message.headers[DEAD_LETTER_HEADERS.position] ?? "",
    attempts: Number(message.headers[DEAD_LETTER_HEADERS.attempts] ?? 0),
    errorKind: message.headers[DEAD_LETTER_HEADERS.errorKind] ?? "",
    error: message.headers[DEAD_LETTER_HEADERS.error] ?? "",
    deadLetteredAt: message.headers[DEAD_LETTER_HEADERS.time] ?? "",
    position: message.position,
  };
}

/** The message replay publishes for a dead letter: the original topic, key, value and headers. */
export function originalOf(deadLetter: DeadLetter): BusMessage {
  return { topic: deadLetter.topic, key: deadLetter.key, value: deadLetter.value, headers: { ...deadLetter.headers } };
}

/** Options of {@link DeadLetterQueue} reads. */
export interface DeadLetterReadOptions {
  /** At most this many (default: all that are waiting). */
  readonly limit?: number;
}

/**
 * The dead letters of a bus, for operators. Both buses implement it next to {@link EventBus}; the one
 * contract suite checks it.
 */
export interface DeadLetterQueue {
  /** The dead letters of `groupId` not replayed yet, oldest first within each partition. Moves nothing. */
  listDeadLetters(groupId: string, options?: DeadLetterReadOptions): Promise<DeadLetter[]>;
  /**
   * Publishes each waiting dead letter of `groupId` to its original topic (every group of that topic sees
   * it again; consumers are idempotent), then marks it replayed, so a second replay skips it. A crash
   * between the two replays it again: at least once, like every delivery. Returns what was replayed.
   */
  replayDeadLetters(groupId: string, options?: DeadLetterReadOptions): Promise<DeadLetter[]>;
}

/** The limit of a read, checked: a positive integer or unlimited. */
export function checkedLimit(options: DeadLetterReadOptions | undefined): number {
  const limit = options?.limit ?? Number.POSITIVE_INFINITY;
  if (limit !== Number.POSITIVE_INFINITY && (!Number.isInteger(limit) || limit < 1)) {
    throw invalidArgument(`limit must be a positive integer, got ${limit}`);
  }
  return limit;
}

export function checkedGroupId(groupId: string): void {
  if (!groupId) throw invalidArgument("a consumer group id is needed");
}

/** What `--help` prints, and every refused command line. */
export const DEAD_LETTERS_USAGE = `usage: npm run dead-letters -- list --group <groupId> [--limit N] [--offline]
       npm run dead-letters -- replay --group <groupId> [--limit N] [--offline]
Reads the same YUNXI_* settings as the platform. --offline: the embedded bus on PGlite (no
YUNXI_KAFKA_BROKERS, no YUNXI_DATABASE_URL) can be opened only while Yunxi is stopped.`;
const USAGE = DEAD_LETTERS_USAGE;

/** A parsed `dead-letters` command line. */
export interface DeadLettersCommand {
  readonly command: "list" | "replay";
  readonly groupId: string;
  readonly limit?: number;
}

/** Parses `list|replay --group G [--limit N]`; anything else is an InvalidArgument carrying the usage. */
export function parseDeadLettersArgs(args: readonly string[]): DeadLettersCommand {
  const [command, ...rest] = args;
  let groupId: string | undefined;
  let limit: number | undefined;
  for (let index = 0; index < rest.length; index += 1) {
    const flag = rest[index];
    const value = rest[index + 1];
    if ((flag === "--group" || flag === "--limit") && value !== undefined && !value.startsWith("--")) {
      if (flag === "--group") groupId = value;
      else {
        limit = Number(value);
        if (!Number.isInteger(limit) || limit < 1) throw invalidArgument(`--limit must be a positive integer, got "${value}"\n${USAGE}`);
      }
      index += 1;
    } else {
      throw invalidArgument(`unexpected argument "${flag ?? ""}"\n${USAGE}`);
    }
  }
  if (command !== "list" && command !== "replay") throw invalidArgument(`unknown command "${command ?? ""}"\n${USAGE}`);
  if (!groupId) throw invalidArgument(`--group is required\n${USAGE}`);
  return limit === undefined ? { command, groupId } : { command, groupId, limit };
}

/**
 * The core of the `dead-letters` command: runs `command` (parsed, or the arguments after the script
 * name) on `queue` and writes lines through `print`. Prints the key (the aggregate id) and the error,
 * never a payload. Bad arguments are an InvalidArgument carrying the usage, and nothing is read or replayed.
 */
export async function runDeadLettersCommand(
  queue: DeadLetterQueue,
  command: readonly string[] | DeadLettersCommand,
  print: (line: string) => void,
): Promise<DeadLetter[]> {
  const { command: name, groupId, limit } = isParsed(command) ? command : parseDeadLettersArgs(command);
  const options = limit === undefined ? {} : { limit };
  const letters = name === "list" ? await queue.listDeadLetters(groupId, options) : await queue.replayDeadLetters(groupId, options);
  print(`${letters.length} dead letter(s) ${name === "list" ? "waiting" : "replayed"} for group ${groupId}`);
  for (const letter of letters) {
    print(
      `${letter.deadLetteredAt}  topic=${letter.topic}  key=${letter.key}  position=${letter.originalPosition}  ` +
        `attempts=${letter.attempts}  error=${letter.errorKind}: ${letter.error.replace(/\s+/g, " ")}`,
    );
  }
  return letters;
}

function isParsed(command: readonly string[] | DeadLettersCommand): command is DeadLettersCommand {
  return !Array.isArray(command);
}
