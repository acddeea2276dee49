import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { EmbeddedPostgres } from "../db/pglite-sql-database.js";
import { isYunxiError } from "../errors/errors.js";
import { createRootLogger } from "../logging/logger.js";
import { waitFor } from "./event-bus.contract.js";
import { deadLettersMain } from "./dead-letters-cli.js";
import { runDeadLettersCommand, type DeadLetter, type DeadLetterQueue } from "./dead-letters.js";
import { InProcessEventBus } from "./in-process-event-bus.js";

const logger = createRootLogger({ level: "silent" });

/** A queue that records what it was asked, for the argument checks. */
function recordingQueue(): DeadLetterQueue & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    listDeadLetters: async (groupId, options): Promise<DeadLetter[]> => {
      calls.push(`list ${groupId} ${options?.limit ?? "all"}`);
      return [];
    },
    replayDeadLetters: async (groupId, options): Promise<DeadLetter[]> => {
      calls.push(`replay ${groupId} ${options?.limit ?? "all"}`);
      return [];
    },
  };
}

describe("runDeadLettersCommand arguments", () => {
  it("passes group and limit to the queue", async () => {
    const queue = recordingQueue();
    const lines: string[] = [];
    await runDeadLettersCommand(queue, ["list", "--group", "audit.ledger"], (line) => void lines.push(line));
    await runDeadLettersCommand(queue, ["replay", "--limit", "5", "--group", "audit.ledger"], (line) => void lines.push(line));
    assert.deepEqual(queue.calls, ["list audit.ledger all", "replay audit.ledger 5"]);
    assert.deepEqual(lines, ["0 dead letter(s) waiting for group audit.ledger", "0 dead letter(s) replayed for group audit.ledger"]);
  });

  it("refuses bad arguments with the usage and touches nothing", async () => {
    const queue = recordingQueue();
    for (const args of [[], ["purge", "--group", "g"], ["replay"], ["list", "--group"], ["replay", "--group", "g", "--limit", "0"], ["list", "--group", "g", "--all"]]) {
      await assert.rejects(
        runDeadLettersCommand(queue, args, () => undefined),
        (error: unknown) => isYunxiError(error, "InvalidArgument") && error.message.includes("usage: npm run dead-letters"),
        args.join(" "),
      );
    }
    assert.deepEqual(queue.calls, []);
  });
});

describe("dead-letters command on the embedded bus (PGlite, Yunxi stopped)", () => {
  let dataDir: string;
  const topic = "yunxi.test.v1.cli";
  const groupId = "cli-test.consumer";

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "yunxi-dead-letters-"));
    // A "Yunxi run" whose handler refuses one message: it is dead-lettered, then the process stops.
    const instance = await EmbeddedPostgres.open({ dataDir });
    try {
      const bus = await InProcessEventBus.durable(await instance.database("platform_bus"), {
        logger,
        retry: { initialMs: 5, maxMs: 20, maxAttempts: 2 },
      });
      const handled: string[] = [];
      await bus.subscribe({
        groupId,
        topics: [topic],
        handle: async (message) => {
          const body = Buffer.from(message.value).toString();
          if (body === "refused") throw new TypeError("handler bug");
          handled.push(body);
        },
      });
      await bus.publish(["refused", "fine"].map((body) => ({ topic, key: "seal-1", value: Buffer.from(body), headers: { ce_id: body } })));
      await waitFor(() => handled.includes("fine"), 10_000, "the message after the refused one");
      await bus.close();
    } finally {
      await instance.close();
    }
  });
  after(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await deadLettersMain(args, { YUNXI_DATA_DIR: dataDir }, (line) => void out.push(line), (line) => void err.push(line));
    return { code, out, err };
  };

  it("prints its usage, with --offline, for --help, and for a command it does not know", async () => {
    const help = await run("--help");
    assert.equal(help.code, 0);
    assert.match(help.out.join("\n"), /list --group <groupId> \[--limit N\] \[--offline\]/);
    const unknown = await run("purge", "--group", groupId);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err.join("\n"), /unknown command "purge"[\s\S]*--offline/);
  });

  it("refuses to open the embedded database without --offline", async () => {
    const { code, out, err } = await run("list", "--group", groupId);
    assert.equal(code, 1);
    assert.deepEqual(out, []);
    assert.match(err.join("\n"), /stop Yunxi, then run again with --offline/);
  });

  it("lists the dead letter, replays it once, and the next run of the group handles it", async () => {
    const listed = await run("list", "--group", groupId, "--offline");
    assert.equal(listed.code, 0, listed.err.join("\n"));
    assert.equal(listed.out[0], `1 dead letter(s) waiting for group ${groupId}`);
    assert.match(listed.out[1] ?? "", new RegExp(`topic=${topic.replaceAll(".", "\\.")}  key=seal-1  position=\\d+:\\d+  attempts=2  error=Internal: TypeError: handler bug`));

    const replayed = await run("replay", "--group", groupId, "--offline");
    assert.equal(replayed.code, 0, replayed.err.join("\n"));
    assert.equal(replayed.out[0], `1 dead letter(s) replayed for group ${groupId}`);
    const again = await run("replay", "--group", groupId, "--offline");
    assert.equal(again.out[0], `0 dead letter(s) replayed for group ${groupId}`);

    // Yunxi starts again with the fix: the group gets the replayed message, and only that one.
    const instance = await EmbeddedPostgres.open({ dataDir });
    try {
      const bus = await InProcessEventBus.durable(await instance.database("platform_bus"), { logger });
      const handled: string[] = [];
      await bus.subscribe({ groupId, topics: [topic], handle: async (message) => void handled.push(Buffer.from(message.value).toString()) });
      await waitFor(() => handled.length >= 1, 10_000, "the replayed message");
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.deepEqual(handled, ["refused"]);
      await bus.close();
    } finally {
      await instance.close();
    }
  });

  it("reports bad arguments with exit code 2", async () => {
    const { code, err } = await run("replay", "--offline");
    assert.equal(code, 2);
    assert.match(err.join("\n"), /--group is required/);
  });
});
