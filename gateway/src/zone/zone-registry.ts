/** Anything the registry can hold: a live tunnel that can be shut when replaced. */
export interface ZoneSession {
  close(): void;
}

/**
 * Zone name → the live tunnel session for it. The zone name comes from the verified client certificate, so
 * a zone can only ever replace its own entry. A newer connection for the same zone wins (the old one is
 * usually a half-dead socket the zone already gave up on) and the old session is closed.
 */
export class ZoneRegistry<Session extends ZoneSession = ZoneSession> {
  readonly #sessions = new Map<string, Session>();

  /** Registers `session` for `zone`, closing whichever session held it before. */
  register(zone: string, session: Session): void {
    const previous = this.#sessions.get(zone);
    this.#sessions.set(zone, session);
    if (previous && previous !== session) previous.close();
  }

  /**
   * Forgets `session` if it is still the one registered for `zone`. A stale session closing late must not
   * unregister its replacement, hence the identity check.
   */
  remove(zone: string, session: Session): boolean {
    if (this.#sessions.get(zone) !== session) return false;
    this.#sessions.delete(zone);
    return true;
  }

  get(zone: string): Session | undefined {
    return this.#sessions.get(zone);
  }

  /** Names of the zones connected now, sorted. */
  zones(): string[] {
    return [...this.#sessions.keys()].sort();
  }

  /** Closes every session (shutdown). */
  closeAll(): void {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    for (const session of sessions) session.close();
  }
}
