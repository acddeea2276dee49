import type { AlarmSender, ReceiverAnswer } from "../../app/ports.js";
import type { OutgoingRequest } from "../../domain/notification.js";

const BODY_LIMIT = 4096;

/** Why a fetch got no answer, in words that never repeat the URL (it may carry a robot key or a signature). */
function causeOf(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  return code ? `connection failed (${code})` : "connection failed";
}

/** Alarm messages over Node's fetch: one POST, bounded in time, redirects not followed, answer body read up to 4 KiB. */
export class FetchAlarmSender implements AlarmSender {
  async post(request: OutgoingRequest, timeoutMs: number): Promise<ReceiverAnswer> {
    let response: Response;
    try {
      response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Error(causeOf(error, timeoutMs));
    }
    let body = "";
    try {
      const reader = response.body?.getReader();
      const decoder = new TextDecoder();
      while (reader && body.length < BODY_LIMIT) {
        const { done, value } = await reader.read();
        if (done) break;
        body += decoder.decode(value, { stream: true });
      }
      await reader?.cancel().catch(() => undefined);
    } catch {
      // An answer cut short still has its status; the body only matters to robots, which answer small.
    }
    return { status: response.status, body: body.slice(0, BODY_LIMIT) };
  }
}
