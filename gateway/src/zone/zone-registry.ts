/** Anything the registry can hold: a live tunnel that can be shut. */
export interface ZoneSession {
  close(): void;
  /** False once the session is closing; such a session is skipped even before its close event removes it. */
  readonly live?: boolean;
}

/**
 * Zone name → its live tunnel sessions. The zone name comes from the verified client certificate, so a zone
 * can only ever add sessions under its own name. The newest session takes the traffic: a zone gateway that
 * restarted has the freshest path while its old socket may be half dead (pings reap those). Older sessions
 * are kept, not closed, because a zone may run several gateway replicas with the same certificate; closing
 * the older one would make replicas knock each other off in a loop, while keeping it gives a standby that
 * takes over the moment the newest drops.
 */
export class ZoneRegistry<Session extends ZoneSession = ZoneSession> {
  readonly #sessions = new Map<string, Session[]>();

  /** Adds `session` for `zone`; it becomes the one requests go to. */
  register(zone: string, session: Session): void {
    const list = (this.#sessions.get(zone) ?? []).filter((s) => s !== session);
    list.push(session);
    this.#sessions.set(zone, list);
  }

  /** Forgets `session` (it closed). True if it was registered for `zone`. */
  remove(zone: string, session: Session): boolean {
    const list = this.#sessions.get(zone);
    const index = list?.indexOf(session) ?? -1;
    if (!list || index === -1) return false;
    list.splice(index, 1);
    if (list.length === 0) this.#sessions.delete(zone);
    return true;
  }

  /** The session requests for `zone` go to: the newest live one. */
  get(zone: string): Session | undefined {
    return this.#sessions.get(zone)?.findLast((session) => session.live !== false);
  }

  /** How many sessions `zone` holds (replicas, or an old one not reaped yet). */
  count(zone: string): number {
    return this.#sessions.get(zone)?.length ?? 0;
  }

  /** Names of the zones connected now, sorted. */
  zones(): string[] {
    return [...this.#sessions.keys()].sort();
  }

  /** Closes every session (shutdown). */
  closeAll(): void {
    const sessions = [...this.#sessions.values()].flat();
    this.#sessions.clear();
    for (const session of sessions) session.close();
  }
}
