import type { AuditPublisher, KeyOperationEvent } from "../../app/ports.js";

/** Keeps audit events in memory: the embedded default before the event bus is wired, and for tests. */
export class MemoryAuditPublisher implements AuditPublisher {
  readonly events: KeyOperationEvent[] = [];

  async publish(event: KeyOperationEvent): Promise<void> {
    this.events.push(event);
  }
}
