import { Writable } from "node:stream";
import { createRootLogger, type Logger } from "@yunxi/platform";

/** A real pino logger at debug level whose output tests can read, to check what is (not) logged. */
export function captureLogger(): { logger: Logger; text: () => string } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString("utf8"));
      done();
    },
  });
  const logger = createRootLogger({ level: "debug", destination }).child({ service: "key-management" });
  return { logger, text: () => lines.join("") };
}
