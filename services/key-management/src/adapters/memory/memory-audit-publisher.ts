import type { AuditPublisher, KeyOperationEvent } from "../../app/ports.js";

/**
 * Where the memory stores record the events of their changes. Synchronous on purpose: the store
 * records and then applies its change with no `await` between, so no other call sees one without the
 * other, and a throwing `record` leaves the change unmade.
 */
export interface MemoryAuditLog {
  record(events: readonly KeyOperationEvent[]): void;
}

/** Keeps audit events in memory: the embedded default before the event bus is wired, and for tests. */
export class MemoryAuditPublisher implements AuditPublisher, MemoryAuditLog {
  readonly events: KeyOperationEvent[] = [];

  async publish(event: KeyOperationEvent): Promise<void> {
    this.record([event]);
  }

  record(events: readonly KeyOperationEvent[]): void {
    this.events.push(...events);
  }
}
