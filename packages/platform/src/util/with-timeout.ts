import { unavailable } from "../errors/errors.js";

/**
 * Settles with `promise`, or rejects with Unavailable after `ms`. `describe` names what timed out (and
 * which server), evaluated only on timeout; `onTimeout` lets the caller stop the background work (a
 * connecting client) so nothing keeps retrying after the caller gave up. Every wait on the outside
 * world in the platform goes through here, so none can hang.
 */
export async function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  describe: () => string,
  onTimeout?: () => unknown,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      try {
        void Promise.resolve(onTimeout?.()).catch(() => undefined);
      } finally {
        reject(unavailable(describe()));
      }
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
